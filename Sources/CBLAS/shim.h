#include <cblas.h>
#include <stddef.h>

// LAPACK routines exported by Debian's libopenblas (it bundles LAPACK; check with `nm -D`).
// Fortran calling convention: every argument by pointer, column-major, hidden string lengths last.

/// Eigenvalues (ascending) and eigenvectors of a real symmetric matrix, divide and conquer.
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda, float *w,
             float *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/bn.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/err.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

/* EVP_PKEY_PUBLIC_KEY is a composite macro Swift cannot import. */
static inline int ccrypto_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

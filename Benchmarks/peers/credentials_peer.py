#!/usr/bin/env python3
"""Python reference verifier for the credentials benchmark (pyld + cryptography).

Verifies the same files as `skillmatch-bench credentials` the same way: an OB 3.0
eddsa-rdfc-2022 credential (JSON-LD -> URDNA2015 over local contexts, SHA-256, Ed25519) and an
RS256 VC-JWT (base64url, JSON, header checks, RSA PKCS#1 v1.5, key binding, claims, dates). Prints one
JSON line with verifications per wall second and per CPU second of the thread (medians of rounds;
process start and context loading happen before the timed loops). Contexts come from pyld's frozen bundle plus ../shared/data/credentials/contexts;
nothing is fetched. Run through credentials_peer.sh, which prepares the venv.
"""
import argparse, base64, datetime, hashlib, json, pathlib, statistics, sys, time

from pyld import jsonld
from pyld.documentloader.frozen import BUNDLED_CONTEXTS
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric import rsa, padding
from cryptography.hazmat.primitives import hashes
from cryptography.exceptions import InvalidSignature

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def b58decode(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(s) - len(s.lstrip("1"))) + raw

def b64url(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

def make_loader(shared):
    docs = {url: json.loads(pathlib.Path(path).read_text()) for url, path in BUNDLED_CONTEXTS.items()}
    names = {
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob_v3p0_context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob_v3p0_context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob_v3p0_context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob_v3p0_context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob_v3p0_extensions.json",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr_v2p0_context-2.0.1.json",
    }
    for url, name in names.items():
        docs[url] = json.loads((shared / "credentials/contexts" / name).read_text())
    def loader(url, options=None):
        if url not in docs:
            raise Exception("context not bundled: " + url)
        return {"contextUrl": None, "documentUrl": url, "document": docs[url]}
    return loader

def verify_rdfc(text, loader):
    doc = json.loads(text)
    proof = doc.pop("proof")
    proof = proof[0] if isinstance(proof, list) else proof
    options = dict(proof)
    signature = b58decode(options.pop("proofValue")[1:])
    options["@context"] = doc["@context"]
    opts = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader, "safe": True}
    canon_proof = jsonld.normalize(options, opts)
    canon_doc = jsonld.normalize(doc, opts)
    data = hashlib.sha256(canon_proof.encode()).digest() + hashlib.sha256(canon_doc.encode()).digest()
    vm = proof["verificationMethod"]
    key = b58decode(vm.split("#", 1)[1][1:])[2:]
    Ed25519PublicKey.from_public_bytes(key).verify(signature, data)  # raises on failure
    return True

ALLOWED_HEADERS = {"alg", "kid", "jwk", "typ", "cty"}

def parse_date(text):
    return datetime.datetime.fromisoformat(text).timestamp()  # 3.11+: accepts "Z" and offsets

def make_jwt_verifier(registry):
    """A VC-JWT verifier doing the same checks as the Swift one: header, key (built once per JWK,
    as the Swift side caches it), RS256 signature, key binding against the operator's registry,
    iss/sub/jti/nbf/exp against the credential, and the validity window."""
    keys = {}
    def verify_jwt(token):
        parts = token.split(".")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise Exception("compact JWS must have 3 non-empty segments")
        h, p, s = parts
        header, payload = json.loads(b64url(h)), json.loads(b64url(p))
        if not isinstance(header, dict) or not isinstance(payload, dict):
            raise Exception("JWS header and payload must be objects")
        if header.get("alg") != "RS256":
            raise Exception("unexpected alg")
        if not ALLOWED_HEADERS.issuperset(header):
            raise Exception("unexpected JWS header parameter")
        if header.get("typ", "JWT") not in ("JWT", "vc+jwt", "vc+ld+json+jwt"):
            raise Exception("typ is not a JWT")
        jwk = header["jwk"]
        if "d" in jwk or jwk.get("kty") != "RSA":
            raise Exception("not an RSA public JWK")
        cache_key = (jwk["n"], jwk["e"])
        key = keys.get(cache_key)
        if key is None:
            n = int.from_bytes(b64url(jwk["n"]), "big"); e = int.from_bytes(b64url(jwk["e"]), "big")
            key = keys[cache_key] = rsa.RSAPublicNumbers(e, n).public_key()
        key.verify(b64url(s), (h + "." + p).encode(), padding.PKCS1v15(), hashes.SHA256())
        vc = payload.get("vc", payload)  # VCDM 1.1 puts the credential in a "vc" claim
        issuer = vc.get("issuer")
        issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
        if payload.get("iss") not in (None, issuer):
            raise Exception("iss mismatch")
        subject = vc.get("credentialSubject")
        subject = subject[0] if isinstance(subject, list) else subject
        if "sub" in payload and payload["sub"] != subject.get("id"):
            raise Exception("sub mismatch")
        if "jti" in payload and "id" in vc and payload["jti"] != vc["id"]:
            raise Exception("jti mismatch")
        valid_from = vc.get("validFrom", vc.get("issuanceDate"))
        valid_until = vc.get("validUntil", vc.get("expirationDate"))
        start = parse_date(valid_from) if valid_from is not None else None
        end = parse_date(valid_until) if valid_until is not None else None
        if "nbf" in payload and start is not None and abs(start - payload["nbf"]) >= 1:
            raise Exception("nbf mismatch")
        if "exp" in payload and end is not None and abs(end - payload["exp"]) >= 1:
            raise Exception("exp mismatch")
        if registry.get(cache_key) != issuer:  # key binding: the registered key of this issuer
            raise Exception("key not bound to the issuer")
        now = time.time()
        if start is not None and start > now:
            raise Exception("not yet valid")
        if end is not None and end < now:
            raise Exception("expired")
        if "credentialStatus" in vc:
            raise Exception("status lists are not part of this benchmark")
        return True
    return verify_jwt

def rate(fn, seconds, rounds):
    """Median verifications per wall second and per CPU second of this thread over the rounds."""
    wall, cpu = [], []
    for _ in range(rounds):
        count, start, start_cpu = 0, time.perf_counter(), time.thread_time()
        while time.perf_counter() - start < seconds:
            fn(); count += 1
        wall.append(count / (time.perf_counter() - start))
        cpu.append(count / (time.thread_time() - start_cpu))
    return statistics.median(wall), statistics.median(cpu)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rdfc", required=True)
    ap.add_argument("--jwt", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", choices=["rdfc", "jwt"])
    a = ap.parse_args()
    loader = make_loader(pathlib.Path(a.shared))
    rdfc_text = pathlib.Path(a.rdfc).read_text()
    jwt_text = pathlib.Path(a.jwt).read_text().strip()
    # The operator's registry binds the CLR's header key to its issuer, as on the Swift side.
    jwt_header = json.loads(b64url(jwt_text.split(".")[0]))
    jwt_issuer = json.loads(b64url(jwt_text.split(".")[1]))["iss"]
    verify_jwt = make_jwt_verifier({(jwt_header["jwk"]["n"], jwt_header["jwk"]["e"]): jwt_issuer})
    verify_rdfc(rdfc_text, loader); verify_jwt(jwt_text)  # correctness first
    if a.only in (None, "jwt"):
        tampered = jwt_text[:-8] + ("AAAAAAAA" if not jwt_text.endswith("AAAAAAAA") else "BBBBBBBB")
        try:
            verify_jwt(tampered); raise SystemExit("tampered JWT verified")
        except InvalidSignature:
            pass
    out = {}
    if a.only in (None, "rdfc"):
        out["rdfc_per_s"], out["rdfc_per_cpu_s"] = rate(lambda: verify_rdfc(rdfc_text, loader), a.seconds, a.rounds)
    if a.only in (None, "jwt"):
        out["jwt_per_s"], out["jwt_per_cpu_s"] = rate(lambda: verify_jwt(jwt_text), a.seconds, a.rounds)
        # The signature check alone (the floor of the figure above), as on the Swift side.
        h, p, s = jwt_text.split(".")
        jwk = jwt_header["jwk"]
        key = rsa.RSAPublicNumbers(int.from_bytes(b64url(jwk["e"]), "big"), int.from_bytes(b64url(jwk["n"]), "big")).public_key()
        message, signature = (h + "." + p).encode(), b64url(s)
        out["rsa_per_s"], out["rsa_per_cpu_s"] = rate(
            lambda: key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256()), a.seconds, a.rounds)
    print(json.dumps(out))

if __name__ == "__main__":
    sys.exit(main())

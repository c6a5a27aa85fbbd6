#!/usr/bin/env python3
"""Python reference verifier for the credentials benchmark (pyld + cryptography).

Verifies the same files as `skillmatch-bench credentials` the same way: an OB 3.0
eddsa-rdfc-2022 credential (JSON-LD -> URDNA2015 over local contexts, SHA-256, Ed25519) and an
RS256 VC-JWT (base64url, JSON, claims, RSA PKCS#1 v1.5). Prints one JSON line with verifications/s
(median of rounds). Contexts come from pyld's frozen bundle plus ../shared/data/credentials/contexts;
nothing is fetched. Run through credentials_peer.sh, which prepares the venv.
"""
import argparse, base64, hashlib, json, pathlib, statistics, sys, time

from pyld import jsonld
from pyld.documentloader.frozen import BUNDLED_CONTEXTS
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric import rsa, padding
from cryptography.hazmat.primitives import hashes

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

def verify_jwt(token):
    h, p, s = token.split(".")
    header, payload = json.loads(b64url(h)), json.loads(b64url(p))
    if header.get("alg") != "RS256":
        raise Exception("unexpected alg")
    jwk = header["jwk"]
    n = int.from_bytes(b64url(jwk["n"]), "big"); e = int.from_bytes(b64url(jwk["e"]), "big")
    key = rsa.RSAPublicNumbers(e, n).public_key()
    key.verify(b64url(s), (h + "." + p).encode(), padding.PKCS1v15(), hashes.SHA256())
    vc = payload.get("vc", payload)  # VCDM 1.1 puts the credential in a "vc" claim
    issuer = vc.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if payload.get("iss") not in (None, issuer):
        raise Exception("iss mismatch")
    return True

def rate(fn, seconds, rounds):
    results = []
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            fn(); count += 1
        results.append(count / (time.perf_counter() - start))
    return statistics.median(results)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rdfc", required=True)
    ap.add_argument("--jwt", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    loader = make_loader(pathlib.Path(a.shared))
    rdfc_text = pathlib.Path(a.rdfc).read_text()
    jwt_text = pathlib.Path(a.jwt).read_text().strip()
    verify_rdfc(rdfc_text, loader); verify_jwt(jwt_text)  # correctness first
    out = {
        "rdfc_per_s": rate(lambda: verify_rdfc(rdfc_text, loader), a.seconds, a.rounds),
        "jwt_per_s": rate(lambda: verify_jwt(jwt_text), a.seconds, a.rounds),
    }
    print(json.dumps(out))

if __name__ == "__main__":
    sys.exit(main())

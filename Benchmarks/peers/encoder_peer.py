#!/usr/bin/env python3
"""Peer for `skillmatch-bench encoder`: the same sentences through PyTorch sentence-transformers.

Reads a JSON array of sentences, sets the torch thread count, and prints one JSON object:
  {"batch_sentences_per_s": median over repeats of encoding all sentences at --batch,
   "single_ms_median": median latency of encode([s]) over the first --single sentences,
   "peak_rss_mb": ru_maxrss of this process, "versions": {...}}
Run by the Swift benchmark with the venv of Tests/SkillsEncoderTests/Fixtures/make_reference.py
(~/.cache/skillmatch/venv); by hand:
  ~/.cache/skillmatch/venv/bin/python Benchmarks/peers/encoder_peer.py --model-dir DIR \
      --sentences sentences.json --threads 1
"""
import argparse
import json
import resource
import statistics
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--sentences", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--single", type=int, default=100)
    args = parser.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    from sentence_transformers import SentenceTransformer
    import sentence_transformers

    with open(args.sentences, encoding="utf-8") as f:
        sentences = json.load(f)
    model = SentenceTransformer(args.model_dir, device="cpu")
    model.eval()

    with torch.inference_mode():
        model.encode(sentences[: args.batch * 2], batch_size=args.batch)  # warm-up
        rates = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            model.encode(sentences, batch_size=args.batch)
            rates.append(len(sentences) / (time.perf_counter() - start))
        singles = []
        for sentence in sentences[: args.single]:
            start = time.perf_counter()
            model.encode([sentence], batch_size=1)
            singles.append((time.perf_counter() - start) * 1000)

    print(json.dumps({
        "batch_sentences_per_s": statistics.median(rates),
        "single_ms_median": statistics.median(singles),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "versions": {"torch": torch.__version__, "sentence-transformers": sentence_transformers.__version__},
    }))


if __name__ == "__main__":
    main()

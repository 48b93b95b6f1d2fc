#!/usr/bin/env python3
"""The Python stack a user would otherwise glue together, for comparison.

Per article: OpenCC t2s (Traditional to Simplified), jieba posseg (words
with part-of-speech tags) and JioNLP money extraction -- the closest
off-the-shelf equivalent of one zhnews record's normalize, segment and
money stages (zhnews does more per article: dates, percentages, entities,
valuations, events).

Reads the stream format of `zhnews extract -` (`{"id": ..., "text": ...}`
per line) from a file or stdin and prints one line of figures as JSON on
stdout: articles, bytes, import/load seconds, processing seconds, MB/s.

Needs `pip install jieba jionlp opencc` (scripts/bench.sh --python installs
them into a throwaway virtualenv under /tmp).
"""

import json
import sys
import time


def main() -> int:
    t0 = time.perf_counter()
    import jieba
    import jieba.posseg as pseg
    import jionlp as jio
    import opencc

    jieba.setLogLevel(60)
    jieba.initialize()
    cc = opencc.OpenCC("t2s")
    # Warm the lazily built parts on one sentence so that load time is
    # counted as load, not as the first article's work.
    list(pseg.cut("示例公司完成1亿元融资"))
    jio.ner.extract_money("示例公司完成1亿元融资")
    loaded = time.perf_counter() - t0

    src = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 and sys.argv[1] != "-" else sys.stdin
    articles = 0
    nbytes = 0
    words = 0
    money = 0
    t1 = time.perf_counter()
    for line in src:
        line = line.strip()
        if not line:
            continue
        try:
            text = json.loads(line).get("text") or ""
        except ValueError:
            continue
        simp = cc.convert(text)
        words += sum(1 for _ in pseg.cut(simp))
        money += len(jio.ner.extract_money(simp))
        articles += 1
        nbytes += len(text.encode("utf-8"))
    work = time.perf_counter() - t1
    print(
        json.dumps(
            {
                "articles": articles,
                "bytes": nbytes,
                "words": words,
                "money": money,
                "load_s": round(loaded, 3),
                "work_s": round(work, 3),
                "mb_per_s": round(nbytes / 1e6 / max(work, 1e-9), 4),
                "articles_per_s": round(articles / max(work, 1e-9), 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The map step of a crosscheck run under Spark: every line of JSONL
corpora piped through `crosscheck extract`, partition by partition.

    spark-submit spark_map.py /abs/path/to/crosscheck OUT_DIR CORPUS.jsonl...

Each line goes to crosscheck with where it comes from (`FILE:LINE` and a
tab), so articles and unreadable lines are named as a run over the files
names them. OUT_DIR gets the claims (`part-*`); reduce them on one machine
with `crosscheck check --claims OUT_DIR/part-*`.
"""

import sys

from pyspark.sql import SparkSession


def main(argv):
    binary, out, corpora = argv[1], argv[2], argv[3:]
    spark = SparkSession.builder.appName("crosscheck-map").getOrCreate()
    sc = spark.sparkContext
    located = None
    for corpus in corpora:
        # Line numbers count from 1, as crosscheck counts them; the file is
        # named as given (as `crosscheck check CORPUS` would name it).
        lines = sc.textFile(corpus).zipWithIndex()
        lines = lines.map(lambda pair, name=corpus: f"{name}:{pair[1] + 1}\t{pair[0]}")
        located = lines if located is None else located.union(lines)
    # RDD.pipe starts the command with an empty environment (no PATH): name
    # the binary by its absolute path. A task is a core already: crosscheck
    # reading stdin uses one thread.
    claims = located.pipe(f"{binary} extract - --stdin-jsonl --format jsonl --excerpts --no-config")
    claims.saveAsTextFile(out)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)

"""Tag a JSON Lines file with gazetag on Spark.

Each partition of the input is piped through the gazetag binary with
`RDD.pipe`: gazetag reads JSON Lines and writes one line per input line,
in order, so the output partitions, read in order, are the tagged input
in input order, byte for byte what one gazetag process gives.

    pip install pyspark                 # needs Java 17 or later
    cargo build --release --example gazetag
    python3 examples/spark/tag_with_spark.py in.jsonl out \
        --binary target/release/examples/gazetag -- --title-field title

`out` is a folder of part files (Spark's `saveAsTextFile`); `cat
out/part-*` is the whole output. Any argument after `--` goes to gazetag
(`--jsonl` and `--threads 1` are always given: Spark runs one task per
core). On a cluster, give `--master` and ship the binary to the workers
(for example with `spark-submit --files`, then `--binary ./gazetag`).
"""

import argparse
import shlex
import sys

from pyspark import SparkConf, SparkContext


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines to tag")
    parser.add_argument("output", help="folder for the tagged JSON Lines")
    parser.add_argument("--binary", default="target/release/examples/gazetag")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument(
        "--partitions", type=int, default=8, help="at least this many input partitions"
    )
    # Everything after "--" is gazetag's.
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    gazetag_args = argv[cut + 1 :]

    conf = SparkConf().setAppName("gazetag").setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        command = [args.binary, "--jsonl", "--threads", "1", *gazetag_args]
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        # checkCode: a gazetag failure (bad data, a crash) fails the job
        # rather than giving a short partition.
        tagged = lines.pipe(shlex.join(command), checkCode=True)
        tagged.saveAsTextFile(args.output)
        print(
            f"gazetag on Spark: {lines.getNumPartitions()} partitions -> {args.output}",
            file=sys.stderr,
        )
    finally:
        sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.HashPartitioner;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;
import vn.bhxh.pipeline.common.quality.KeySet;

/**
 * The landing files read in ranges that accepted one key in two of their ranges: a duplicate that
 * no range could see alone, so those files are read again whole ({@link BatchLoader}).
 *
 * <p>Each range of a cut file hands on the 128-bit fingerprints ({@link KeySet}) of the keys it
 * accepted, packed in one envelope row. They are cut into buckets by fingerprint, the buckets
 * shuffled as primitive arrays (a bucket of every file to one task), and each task adds a file's
 * fingerprints to a key set sized for them. A range accepts a key once at most, so a key added
 * twice was accepted by two ranges. Neither a row per key (20 million cached rows for a large
 * province, a sixth of its ingest in the collector) nor Spark's aggregation (a hash map of rows on
 * both sides of the shuffle, a third of a large file's ingest) is involved.
 */
final class RepeatedKeys {
  private static final int FILE = 0;
  private static final int KEYS = 1;
  private static final int FINGERPRINT_LONGS = 2;

  private RepeatedKeys() {}

  /** Some fingerprints of one file, as (high, low) pairs. */
  record Fingerprints(int file, long[] pairs) implements Serializable {}

  /**
   * The files of the envelope, other than {@code known}, with a key accepted in two ranges.
   *
   * @param envelope the rows of a batch's first read ({@link Envelope#SCHEMA})
   * @param known files already to be read again (their keys are not looked at)
   */
  static Set<Integer> files(Dataset<Row> envelope, Set<Integer> known) {
    Column keyed = col(Envelope.KIND).equalTo(Envelope.KEY_FINGERPRINTS);
    if (!known.isEmpty()) {
      keyed = keyed.and(not(col(Envelope.FILE).isin(known.toArray())));
    }
    int buckets = envelope.sparkSession().sessionState().conf().numShufflePartitions();
    List<Integer> files =
        envelope
            .filter(keyed)
            .select(col(Envelope.FILE), col(Envelope.KEYS))
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .mapPartitionsToPair(rows -> bucketed(rows, buckets))
            .partitionBy(new HashPartitioner(buckets))
            .values()
            .mapPartitions(RepeatedKeys::filesWithRepeats)
            .collect();
    return new TreeSet<>(files);
  }

  /**
   * Each row's (file, packed fingerprints) cut into {@code buckets} by fingerprint: a key's bucket
   * is a function of its fingerprint alone, so two ranges' copies of a key meet in one bucket.
   */
  static Iterator<Tuple2<Integer, Fingerprints>> bucketed(Iterator<InternalRow> rows, int buckets) {
    List<Tuple2<Integer, Fingerprints>> out = new ArrayList<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      int file = row.getInt(FILE);
      LongBuffer packed = ByteBuffer.wrap(row.getBinary(KEYS)).asLongBuffer();
      long[] pairs = new long[packed.remaining()];
      packed.get(pairs);
      int[] counts = new int[buckets];
      for (int i = 0; i < pairs.length; i += FINGERPRINT_LONGS) {
        counts[bucket(pairs[i], buckets)]++;
      }
      long[][] byBucket = new long[buckets][];
      for (int b = 0; b < buckets; b++) {
        byBucket[b] = new long[counts[b] * FINGERPRINT_LONGS];
      }
      int[] filled = new int[buckets];
      for (int i = 0; i < pairs.length; i += FINGERPRINT_LONGS) {
        int b = bucket(pairs[i], buckets);
        byBucket[b][filled[b]++] = pairs[i];
        byBucket[b][filled[b]++] = pairs[i + 1];
      }
      for (int b = 0; b < buckets; b++) {
        if (counts[b] > 0) {
          out.add(new Tuple2<>(b, new Fingerprints(file, byBucket[b])));
        }
      }
    }
    return out.iterator();
  }

  /** The files with a fingerprint twice among the fingerprints of one task. */
  static Iterator<Integer> filesWithRepeats(Iterator<Fingerprints> blocks) {
    Map<Integer, List<long[]>> byFile = new HashMap<>();
    while (blocks.hasNext()) {
      Fingerprints block = blocks.next();
      byFile.computeIfAbsent(block.file(), f -> new ArrayList<>()).add(block.pairs());
    }
    Set<Integer> repeated = new TreeSet<>();
    for (Map.Entry<Integer, List<long[]>> file : byFile.entrySet()) {
      long keys = file.getValue().stream().mapToLong(pairs -> pairs.length / 2).sum();
      KeySet seen = new KeySet();
      seen.expect(keys);
      search:
      for (long[] pairs : file.getValue()) {
        for (int i = 0; i < pairs.length; i += FINGERPRINT_LONGS) {
          if (!seen.add(pairs[i], pairs[i + 1])) {
            repeated.add(file.getKey());
            break search;
          }
        }
      }
    }
    return repeated.iterator();
  }

  private static int bucket(long high, int buckets) {
    // The fingerprint's halves are already mixed (KeySet); its top bits pick the bucket.
    return (int) ((high >>> 33) % buckets);
  }
}

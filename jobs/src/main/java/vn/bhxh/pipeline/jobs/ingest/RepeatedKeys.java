package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>Each range of a cut file hands on the 64-bit fingerprints of the keys it accepted (the high
 * halves of their {@link KeySet} fingerprints), packed in one envelope row. They are cut into
 * buckets by fingerprint, the buckets shuffled as byte arrays (a bucket of every file to one task),
 * and each task adds a file's fingerprints to a set of longs sized for them. A range accepts a key
 * once at most, so a fingerprint added twice was accepted by two ranges, or is shared by two keys:
 * for a file of n keys that happens by chance with odds of about n²/2⁶⁵ (10⁻⁵ for 20 million), and
 * costs only a read of the file whole, where the full fingerprints decide. Half the fingerprint
 * halves what is shuffled and hashed; neither a row per key (20 million cached rows for a large
 * province, a sixth of its ingest in the collector) nor Spark's aggregation (a hash map of rows on
 * both sides of the shuffle, a third of a large file's ingest) is involved.
 */
final class RepeatedKeys {
  private static final int FILE = 0;
  private static final int KEYS = 1;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private RepeatedKeys() {}

  /** Some fingerprints of one file, packed as {@link KeySet#highHalves} packs them. */
  record Fingerprints(int file, byte[] packed) implements Serializable {
    int count() {
      return packed.length / Long.BYTES;
    }

    long get(int index) {
      return (long) LONGS.get(packed, index * Long.BYTES);
    }
  }

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
      Fingerprints range = new Fingerprints(row.getInt(FILE), row.getBinary(KEYS));
      int[] counts = new int[buckets];
      for (int i = 0; i < range.count(); i++) {
        counts[bucket(range.get(i), buckets)]++;
      }
      byte[][] byBucket = new byte[buckets][];
      for (int b = 0; b < buckets; b++) {
        byBucket[b] = new byte[counts[b] * Long.BYTES];
      }
      int[] filled = new int[buckets];
      for (int i = 0; i < range.count(); i++) {
        long fingerprint = range.get(i);
        int b = bucket(fingerprint, buckets);
        LONGS.set(byBucket[b], filled[b]++ * Long.BYTES, fingerprint);
      }
      for (int b = 0; b < buckets; b++) {
        if (counts[b] > 0) {
          out.add(new Tuple2<>(b, new Fingerprints(range.file(), byBucket[b])));
        }
      }
    }
    return out.iterator();
  }

  /** The files with a fingerprint twice among the fingerprints of one task. */
  static Iterator<Integer> filesWithRepeats(Iterator<Fingerprints> blocks) {
    Map<Integer, List<Fingerprints>> byFile = new HashMap<>();
    while (blocks.hasNext()) {
      Fingerprints block = blocks.next();
      byFile.computeIfAbsent(block.file(), f -> new ArrayList<>()).add(block);
    }
    Set<Integer> repeated = new TreeSet<>();
    for (Map.Entry<Integer, List<Fingerprints>> file : byFile.entrySet()) {
      FingerprintSet seen =
          new FingerprintSet(file.getValue().stream().mapToLong(Fingerprints::count).sum());
      search:
      for (Fingerprints block : file.getValue()) {
        for (int i = 0; i < block.count(); i++) {
          if (!seen.add(block.get(i))) {
            repeated.add(file.getKey());
            break search;
          }
        }
      }
    }
    return repeated.iterator();
  }

  private static int bucket(long fingerprint, int buckets) {
    // The fingerprint is already mixed (KeySet); its top bits pick the bucket.
    return (int) ((fingerprint >>> 33) % buckets);
  }

  /** A set of 64-bit fingerprints in one open-addressing table sized once for all of them. */
  private static final class FingerprintSet {
    private static final long MAX_FINGERPRINTS = 1 << 29;
    private final long[] table;
    private final int mask;
    // 0 marks an empty slot, so the fingerprint 0 is remembered by a flag of its own.
    private boolean hasZero;

    FingerprintSet(long expected) {
      if (expected > MAX_FINGERPRINTS) {
        // a table no more than half full could not be allocated (a file of billions of rows)
        throw new IllegalStateException(
            expected + " keys of one file in one bucket, more than " + MAX_FINGERPRINTS);
      }
      int slots = Integer.highestOneBit((int) Math.max(16, expected * 2) - 1) << 1;
      table = new long[slots];
      mask = slots - 1;
    }

    /** Adds the fingerprint; returns false when it was already there. */
    boolean add(long fingerprint) {
      if (fingerprint == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      // The low bits are free of the bucket's choice (the top bits), so they spread the slots.
      for (int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
          ;
          slot = (slot + 1) & mask) {
        long held = table[slot];
        if (held == 0) {
          table[slot] = fingerprint;
          return true;
        }
        if (held == fingerprint) {
          return false;
        }
      }
    }
  }
}

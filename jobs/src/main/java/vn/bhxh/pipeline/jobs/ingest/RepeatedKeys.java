package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import vn.bhxh.pipeline.common.quality.KeySet;

/**
 * The landing files read in ranges that accepted one key in two of their ranges: a duplicate that
 * no range could see alone, so those files are read again whole ({@link BatchLoader}).
 *
 * <p>Every accepted row of a cut file carries its key's 128-bit fingerprint ({@link KeySet}); the
 * fingerprints are shuffled by file and fingerprint, and each partition adds them to a key set per
 * file. A range accepts a key once at most, so a key added twice was accepted by two ranges. One
 * shuffle of a few bytes a row into primitive sets: Spark's aggregation (group by file and key,
 * count) held a hash map of rows on both sides of the shuffle and cost about a third of a large
 * file's ingest.
 */
final class RepeatedKeys {
  private static final int FILE = 0;
  private static final int HIGH = 1;
  private static final int LOW = 2;

  private RepeatedKeys() {}

  /**
   * The files of the envelope, other than {@code known}, with a key accepted in two ranges.
   *
   * @param envelope the rows of a batch's first read ({@link Envelope#SCHEMA})
   * @param known files already to be read again (their keys are not looked at)
   */
  static Set<Integer> files(Dataset<Row> envelope, Set<Integer> known) {
    Column keyed =
        col(Envelope.KIND).equalTo(Envelope.ACCEPTED).and(col(Envelope.KEY_HIGH).isNotNull());
    if (!known.isEmpty()) {
      keyed = keyed.and(not(col(Envelope.FILE).isin(known.toArray())));
    }
    List<Integer> files =
        envelope
            .filter(keyed)
            .select(col(Envelope.FILE), col(Envelope.KEY_HIGH), col(Envelope.KEY_LOW))
            .repartition(col(Envelope.FILE), col(Envelope.KEY_HIGH))
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .mapPartitions(RepeatedKeys::filesWithRepeats)
            .collect();
    return new TreeSet<>(files);
  }

  /** The files with a fingerprint twice among the rows (file, high, low) of one partition. */
  static Iterator<Integer> filesWithRepeats(Iterator<InternalRow> rows) {
    Map<Integer, KeySet> seen = new HashMap<>();
    Set<Integer> repeated = new TreeSet<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      int file = row.getInt(FILE);
      if (!seen.computeIfAbsent(file, f -> new KeySet()).add(row.getLong(HIGH), row.getLong(LOW))) {
        repeated.add(file);
      }
    }
    return repeated.iterator();
  }
}

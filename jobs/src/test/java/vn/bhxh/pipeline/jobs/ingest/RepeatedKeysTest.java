package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import vn.bhxh.pipeline.common.quality.KeySet;

class RepeatedKeysTest {
  /** A range's envelope row: its file and its keys' fingerprints, packed. */
  private static InternalRow range(int file, long... pairs) {
    ByteBuffer packed = ByteBuffer.allocate(pairs.length * Long.BYTES);
    for (long value : pairs) {
      packed.putLong(value);
    }
    return new GenericInternalRow(new Object[] {file, packed.array()});
  }

  /** What the shuffle does: every bucket's fingerprints to its task, then each task's files. */
  private static List<Integer> repeatedFiles(List<InternalRow> ranges, int buckets) {
    Map<Integer, List<RepeatedKeys.Fingerprints>> tasks = new HashMap<>();
    RepeatedKeys.bucketed(ranges.iterator(), buckets)
        .forEachRemaining(
            block -> tasks.computeIfAbsent(block._1(), b -> new ArrayList<>()).add(block._2()));
    List<Integer> files = new ArrayList<>();
    for (List<RepeatedKeys.Fingerprints> task : tasks.values()) {
      RepeatedKeys.filesWithRepeats(task.iterator()).forEachRemaining(files::add);
    }
    files.sort(Integer::compare);
    return files;
  }

  @Test
  void aFileIsRepeatedWhenTwoOfItsRangesHaveAFingerprint() {
    long high = 7L << 40;
    List<InternalRow> ranges =
        List.of(
            range(1, high, 8L, high, 9L), // half of the fingerprint alike: another key
            range(2, high, 8L), // the same key in another file: not a repeat
            range(3, 0L, 0L),
            range(3, 0L, 0L), // the all-zero fingerprint is a key like any other
            range(2, 5L, 6L),
            range(2, high, 8L));

    for (int buckets : new int[] {1, 3, 8}) {
      assertThat(repeatedFiles(ranges, buckets)).as("%d buckets", buckets).containsExactly(2, 3);
    }
  }

  @Test
  void everyKeyLandsInOneBucketWhateverItsRange() {
    // two ranges of one file, 20,000 keys each, sharing exactly one; from a real key set
    KeySet first = new KeySet();
    KeySet second = new KeySet();
    for (int i = 0; i < 20_000; i++) {
      first.add("person" + i + "|HI");
      second.add("person" + (i + 19_999) + "|HI");
    }
    InternalRow a = new GenericInternalRow(new Object[] {5, first.fingerprints()});
    InternalRow b = new GenericInternalRow(new Object[] {5, second.fingerprints()});
    InternalRow c = new GenericInternalRow(new Object[] {6, first.fingerprints()});

    assertThat(first.fingerprints()).hasSize(20_000 * 16);
    assertThat(repeatedFiles(List.of(a, b, c), 7)).containsExactly(5);
    assertThat(repeatedFiles(List.of(a, c), 7)).isEmpty();
    List<Tuple2<Integer, RepeatedKeys.Fingerprints>> blocks = new ArrayList<>();
    RepeatedKeys.bucketed(List.of(a).iterator(), 7).forEachRemaining(blocks::add);
    assertThat(blocks.stream().mapToInt(block -> block._2().pairs().length / 2).sum())
        .isEqualTo(20_000);
  }

  @Test
  void noRangesNoFiles() {
    assertThat(RepeatedKeys.filesWithRepeats(List.<RepeatedKeys.Fingerprints>of().iterator()))
        .isExhausted();
  }
}

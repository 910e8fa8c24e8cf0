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
  private static InternalRow range(int file, long... fingerprints) {
    ByteBuffer packed = ByteBuffer.allocate(fingerprints.length * Long.BYTES);
    for (long value : fingerprints) {
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
    long fingerprint = 7L << 40;
    List<InternalRow> ranges =
        List.of(
            range(1, fingerprint, fingerprint + 1), // close, but another key
            range(2, fingerprint), // the same key in another file: not a repeat
            range(3, 0L),
            range(3, 0L), // the fingerprint 0 is a key like any other
            range(2, 5L),
            range(2, fingerprint));

    for (int buckets : new int[] {1, 3, 8}) {
      assertThat(repeatedFiles(ranges, buckets)).as("%d buckets", buckets).containsExactly(2, 3);
    }
  }

  @Test
  void aFingerprintRepeatedFarIntoALargeSetIsFound() {
    // 300,000 distinct fingerprints in each of two ranges, the second range's last one also in the
    // first: the set holds hundreds of thousands of fingerprints before the repeat comes
    long[] first = new long[300_000];
    long[] second = new long[300_000];
    for (int i = 0; i < first.length; i++) {
      first[i] = (i + 1) * 0x9E3779B97F4A7C15L;
      second[i] = (i + 300_001) * 0x9E3779B97F4A7C15L;
    }
    second[second.length - 1] = first[123_456];

    assertThat(repeatedFiles(List.of(range(4, first), range(4, second)), 5)).containsExactly(4);
    second[second.length - 1] = 600_001 * 0x9E3779B97F4A7C15L;
    assertThat(repeatedFiles(List.of(range(4, first), range(4, second)), 5)).isEmpty();
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
    InternalRow a = new GenericInternalRow(new Object[] {5, first.highHalves()});
    InternalRow b = new GenericInternalRow(new Object[] {5, second.highHalves()});
    InternalRow c = new GenericInternalRow(new Object[] {6, first.highHalves()});

    assertThat(first.highHalves()).hasSize(20_000 * Long.BYTES);
    assertThat(repeatedFiles(List.of(a, b, c), 7)).containsExactly(5);
    assertThat(repeatedFiles(List.of(a, c), 7)).isEmpty();
    List<Tuple2<Integer, RepeatedKeys.Fingerprints>> blocks = new ArrayList<>();
    RepeatedKeys.bucketed(List.of(a).iterator(), 7).forEachRemaining(blocks::add);
    assertThat(blocks.stream().mapToInt(block -> block._2().count()).sum()).isEqualTo(20_000);
    for (Tuple2<Integer, RepeatedKeys.Fingerprints> block : blocks) {
      for (int i = 0; i < block._2().count(); i++) {
        assertThat((int) ((block._2().get(i) >>> 33) % 7)).isEqualTo(block._1());
      }
    }
  }

  @Test
  void noRangesNoFiles() {
    assertThat(RepeatedKeys.filesWithRepeats(List.<RepeatedKeys.Fingerprints>of().iterator()))
        .isExhausted();
  }
}

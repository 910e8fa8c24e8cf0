package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;

class RepeatedKeysTest {
  private static InternalRow key(int file, long high, long low) {
    return new GenericInternalRow(new Object[] {file, high, low});
  }

  @Test
  void aFileIsRepeatedWhenOneOfItsFingerprintsComesTwice() {
    List<InternalRow> rows =
        List.of(
            key(1, 7L, 8L),
            key(2, 7L, 8L), // the same key in another file: not a repeat
            key(1, 7L, 9L), // half of the fingerprint alike: another key
            key(3, 0L, 0L),
            key(3, 0L, 0L), // the all-zero fingerprint is a key like any other
            key(2, 5L, 6L),
            key(2, 7L, 8L));

    List<Integer> files = new ArrayList<>();
    RepeatedKeys.filesWithRepeats(rows.iterator()).forEachRemaining(files::add);

    assertThat(files).containsExactly(2, 3);
  }

  @Test
  void noRowsNoFiles() {
    assertThat(RepeatedKeys.filesWithRepeats(List.<InternalRow>of().iterator())).isExhausted();
  }
}

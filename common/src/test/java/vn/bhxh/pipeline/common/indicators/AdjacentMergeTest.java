package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;

class AdjacentMergeTest {
  /** An input or output row: group, source, key, value, then the additive measures. */
  private static InternalRow row(
      Integer group, Integer source, Long key, long value, Long... sums) {
    Object[] fields = new Object[4 + sums.length];
    fields[0] = group;
    fields[1] = source;
    fields[2] = key;
    fields[3] = value;
    System.arraycopy(sums, 0, fields, 4, sums.length);
    return new GenericInternalRow(fields);
  }

  private static List<List<Object>> merged(int additive, KeyTable.Merge merge, InternalRow... rows)
      throws Exception {
    Iterator<InternalRow> out =
        new AdjacentMerge(additive, merge).call(Arrays.asList(rows).iterator());
    List<List<Object>> result = new ArrayList<>();
    while (out.hasNext()) {
      InternalRow row = out.next();
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < 4 + additive; i++) {
        fields.add(
            row.isNullAt(i) ? null : i < 2 ? (Object) row.getInt(i) : (Object) row.getLong(i));
      }
      result.add(fields);
    }
    return result;
  }

  @Test
  void aKeysFollowingRowsBecomeOneWithTheirMasksOredAndTheirSumsAdded() throws Exception {
    assertThat(
            merged(
                1,
                KeyTable.Merge.OR,
                row(202510, 1, 7L, 0b001, 10L), // person 7: SI
                row(202510, 1, 7L, 0b100, 5L), //           HI
                row(202510, 1, 8L, 0b100, 1L),
                row(202510, 1, 7L, 0b010, 2L))) // 7 again, not next to its rows: left to the table
        .containsExactly(
            List.of(202510, 1, 7L, 0b101L, 15L),
            List.of(202510, 1, 8L, 0b100L, 1L),
            List.of(202510, 1, 7L, 0b010L, 2L));
  }

  @Test
  void theSameKeyInAnotherProvinceOrMonthIsAnotherRow() throws Exception {
    assertThat(
            merged(
                0,
                KeyTable.Merge.OR,
                row(202510, 1, 7L, 0b001),
                row(202510, 2, 7L, 0b010),
                row(202511, 2, 7L, 0b100)))
        .containsExactly(
            List.of(202510, 1, 7L, 0b001L),
            List.of(202510, 2, 7L, 0b010L),
            List.of(202511, 2, 7L, 0b100L));
  }

  @Test
  void rowsWithoutGroupOrSourceAreDroppedAndKeylessRowsOnlySum() throws Exception {
    List<Object> keyless = new ArrayList<>(Arrays.asList(202510, 1, null, 0L, 7L));
    assertThat(
            merged(
                1,
                KeyTable.Merge.OR,
                row(null, 1, 7L, 0b001, 100L), // no month: reaches no territory
                row(202510, 1, null, 0, 3L),
                row(202510, null, 7L, 0b001, 100L), // no province: dropped between keyless rows
                row(202510, 1, null, 0, 4L),
                row(202510, 1, 7L, 0b001, (Long) null), // a null measure adds nothing
                row(202510, 1, 7L, 0b001, 6L),
                row(202510, null, 9L, 0b001, 1L)))
        .containsExactly(keyless, List.of(202510, 1, 7L, 0b001L, 6L));
  }

  @Test
  void firstMonthsMergeByTheLeastPerField() throws Exception {
    long march = 0xF3L; // indicator 0 first in March, indicator 1 none
    long januaryAndMay = 0x51L;
    assertThat(
            merged(
                0,
                KeyTable.Merge.NIBBLE_MIN,
                row(2025, 1, 7L, march),
                row(2025, 1, 7L, januaryAndMay)))
        .containsExactly(List.of(2025, 1, 7L, 0x51L)); // indicator 0 in January, 1 in May
  }

  @Test
  void anEmptyOrFullyDroppedInputHasNoRows() throws Exception {
    assertThat(merged(0, KeyTable.Merge.OR)).isEmpty();
    assertThat(merged(0, KeyTable.Merge.OR, row(null, 1, 7L, 1), row(202510, null, 7L, 1)))
        .isEmpty();
    Iterator<InternalRow> out =
        new AdjacentMerge(0, KeyTable.Merge.OR).call(List.<InternalRow>of().iterator());
    assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
  }
}

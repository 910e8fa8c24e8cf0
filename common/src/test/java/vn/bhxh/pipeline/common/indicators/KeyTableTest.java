package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTableTest {
  private record Count(int group, int source, long value, long keys) {}

  private record Shared(int group, int source, long key, long value) {}

  private static List<Count> counts(KeyTable table) {
    List<Count> counts = new ArrayList<>();
    table.countSingles(
        (group, source, value, keys) -> counts.add(new Count(group, source, value, keys)));
    return counts;
  }

  private static List<Shared> shared(KeyTable table) {
    List<Shared> shared = new ArrayList<>();
    table.forEachShared(
        (group, source, key, value) -> shared.add(new Shared(group, source, key, value)));
    return shared;
  }

  @Test
  void aKeysRowsInOneProvinceMergeIntoOneCountedKey() {
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    table.add(202510, 7L, 1, 0b001); // SI
    table.add(202510, 7L, 1, 0b100); // HI, same person, same province
    table.add(202510, 8L, 1, 0b101);
    table.add(202510, 9L, 2, 0b100);

    assertThat(counts(table))
        .containsExactlyInAnyOrder(new Count(202510, 1, 0b101, 2), new Count(202510, 2, 0b100, 1));
    assertThat(shared(table)).isEmpty();
  }

  @Test
  void aKeyInASecondProvinceKeepsItsMaskPerProvinceAndIsNotCounted() {
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    table.add(202510, 7L, 1, 0b001);
    table.add(202510, 7L, 1, 0b010);
    table.add(202510, 7L, 2, 0b100);
    table.add(202510, 7L, 1, 0b1000); // back in the first province after it became shared
    table.add(202510, 7L, 3, 0b001);
    table.add(202510, 8L, 3, 0b001);

    assertThat(shared(table))
        .containsExactlyInAnyOrder(
            new Shared(202510, 1, 7L, 0b1011),
            new Shared(202510, 2, 7L, 0b100),
            new Shared(202510, 3, 7L, 0b001));
    assertThat(counts(table)).containsExactly(new Count(202510, 3, 0b001, 1));
  }

  @Test
  void theSameKeyInTwoGroupsIsTwoKeys() {
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    table.add(202509, 7L, 1, 1);
    table.add(202510, 7L, 2, 1);

    assertThat(shared(table)).isEmpty();
    assertThat(counts(table))
        .containsExactlyInAnyOrder(new Count(202509, 1, 1, 1), new Count(202510, 2, 1, 1));
  }

  @Test
  void firstMonthsMergeFieldByField() {
    // Two indicators: field 0 and field 1; 15 = not seen; the other 14 fields are 15.
    long rest = -1L << 8;
    KeyTable table = new KeyTable(KeyTable.Merge.NIBBLE_MIN);
    table.add(2024, 7L, 1, rest | 0xF3); // March: indicator 0 only
    table.add(2024, 7L, 1, rest | 0x55); // May: both
    table.add(2024, 7L, 1, rest | 0x2F); // February: indicator 1 only

    assertThat(counts(table)).containsExactly(new Count(2024, 1, rest | 0x23, 1));
  }

  @Test
  void manyKeysSurviveTheTableGrowingAndCountExactly() {
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    int keys = 200_000; // the table starts with 16,384 slots: it grows four times
    for (int k = 0; k < keys; k++) {
      table.add(202510, k * 0x9E3779B97F4A7C15L, k % 3, 1L << (k % 2));
      table.add(202510, k * 0x9E3779B97F4A7C15L, k % 3, 0b100);
    }
    table.add(202510, 5 * 0x9E3779B97F4A7C15L, 0, 0); // key 5 (source 2) also in source 0

    long counted = counts(table).stream().mapToLong(Count::keys).sum();
    assertThat(counted).isEqualTo(keys - 1);
    // Source 0 with mask 0b101: k a multiple of 6 below 200,000, 0 to 199,998: 33,334 keys.
    assertThat(counts(table)).contains(new Count(202510, 0, 0b101, 33_334));
    assertThat(shared(table))
        .containsExactlyInAnyOrder(
            new Shared(202510, 2, 5 * 0x9E3779B97F4A7C15L, 0b110),
            new Shared(202510, 0, 5 * 0x9E3779B97F4A7C15L, 0));
  }

  @Test
  void aKeySharedBeforeTheTableGrowsStaysSharedAfter() {
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    table.add(2025, -7L, 1, 0b01);
    table.add(2025, -7L, 2, 0b10); // shared while the table has 16,384 slots
    for (int k = 0; k < 50_000; k++) { // then it grows twice
      table.add(2025, k, 3, 0b1);
    }
    table.add(2025, -7L, 2, 0b100);
    assertThat(shared(table))
        .containsExactlyInAnyOrder(new Shared(2025, 1, -7L, 0b01), new Shared(2025, 2, -7L, 0b110));
    assertThat(counts(table)).containsExactly(new Count(2025, 3, 0b1, 50_000));
  }

  @Test
  void thousandsOfDistinctCountsAreEachCountedExactly() {
    // 3 groups × 40 sources × 25 values = 3,000 distinct counts (the counts' own table grows), key
    // k in count k % 3,000, so each count has 4 keys; negative values and sources pack unchanged.
    KeyTable table = new KeyTable(KeyTable.Merge.OR);
    List<Count> expected = new ArrayList<>();
    for (int c = 0; c < 3_000; c++) {
      expected.add(new Count(2024 + c % 3, (c / 3) % 40 - 20, -1L - c / 120, 4));
    }
    for (int k = 0; k < 12_000; k++) {
      Count c = expected.get(k % 3_000);
      table.add(c.group(), k * 0x9E3779B97F4A7C15L, c.source(), c.value());
    }
    assertThat(shared(table)).isEmpty();
    assertThat(counts(table)).containsExactlyInAnyOrderElementsOf(expected);
  }
}

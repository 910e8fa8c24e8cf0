package vn.bhxh.pipeline.common.indicators;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class KeyShuffleTest {
  private static final int PARTITIONS = 3;

  /** A row as it goes in, and as it must come out (a null sum comes out 0). */
  private record Entry(int group, int source, Long key, long value, long sum)
      implements Serializable {}

  /**
   * Rows enough for several full blocks per destination and a partial one, from two input tasks,
   * with keys seen in several provinces, rows without a key and null sums.
   */
  private static List<Entry> entries() {
    SplittableRandom random = new SplittableRandom(16);
    List<Entry> entries = new ArrayList<>();
    int rows = 3 * PARTITIONS * KeyShuffle.BLOCK_ROWS + 1_234;
    for (int i = 0; i < rows; i++) {
      int group = 202501 + random.nextInt(3);
      int source = 1 + random.nextInt(5);
      Long key = i % 97 == 0 ? null : (long) random.nextInt(20_000) - 10_000;
      long sum = i % 5 == 0 ? 0 : random.nextLong(1_000_000);
      entries.add(new Entry(group, source, key, random.nextLong(), sum));
    }
    return entries;
  }

  private static InternalRow row(Entry entry, int index) {
    // Every fifth row's sum is null, which counts as 0.
    Long sum = index % 5 == 0 ? null : entry.sum();
    return new GenericInternalRow(
        new Object[] {entry.group(), entry.source(), entry.key(), entry.value(), sum});
  }

  /** How many times each entry occurs (the order of the blocks is the shuffle's). */
  private static Map<Entry, Long> occurrences(List<Entry> entries) {
    return entries.stream().collect(groupingBy(e -> e, counting()));
  }

  @Test
  void everyRowArrivesOnceAndEveryRowOfAKeyInOneTask() {
    List<Entry> entries = entries();
    List<InternalRow> rows = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      rows.add(row(entries.get(i), i));
    }
    JavaRDD<InternalRow> input =
        JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext())
            .parallelize(rows, 2);

    List<List<Entry>> byTask =
        KeyShuffle.byKey(input, 1, PARTITIONS)
            .glom()
            .map(
                blocks -> {
                  List<Entry> out = new ArrayList<>();
                  for (KeyShuffle.Block block : blocks) {
                    assertThat(block.size()).isLessThanOrEqualTo(KeyShuffle.BLOCK_ROWS);
                    for (int i = 0; i < block.size(); i++) {
                      out.add(
                          new Entry(
                              block.groups()[i],
                              block.sources()[i],
                              block.keyless()[i] ? null : block.keys()[i],
                              block.values()[i],
                              block.sums()[i]));
                    }
                  }
                  return out;
                })
            .collect();

    assertThat(byTask).hasSize(PARTITIONS);
    List<Entry> received = new ArrayList<>();
    Map<List<Object>, Integer> taskOfKey = new HashMap<>();
    for (int task = 0; task < byTask.size(); task++) {
      assertThat(byTask.get(task)).isNotEmpty();
      for (Entry entry : byTask.get(task)) {
        received.add(entry);
        if (entry.key() != null) {
          Integer before = taskOfKey.putIfAbsent(List.of(entry.group(), entry.key()), task);
          assertThat(before).as("task of group %d's key", entry.group()).isIn(null, task);
        }
      }
    }
    assertThat(received).hasSameSizeAs(entries);
    assertThat(occurrences(received)).isEqualTo(occurrences(entries));
    // The keys seen in several provinces of a group met in one task too.
    long keysInSeveralProvinces =
        entries.stream()
            .filter(e -> e.key() != null)
            .collect(groupingBy(e -> List.of(e.group(), e.key()), mapping(Entry::source, toSet())))
            .values()
            .stream()
            .filter(sources -> sources.size() > 1)
            .count();
    assertThat(keysInSeveralProvinces).isGreaterThan(1_000);
  }

  @Test
  void blocksShrinkWithManyDestinationsSoThatATasksOpenBlocksStayBounded() {
    assertThat(KeyShuffle.blockRows(8, 0)).isEqualTo(KeyShuffle.BLOCK_ROWS);
    // 2,000 destinations, 2 additive measures: 4 + 4 + 1 + 8 × 4 = 41 bytes a row,
    // 32 MiB / (41 × 2,000) = 409 rows.
    assertThat(KeyShuffle.blockRows(2_000, 2)).isEqualTo(409);
    for (int partitions : new int[] {200, 2_000, 10_000}) {
      long rows = KeyShuffle.blockRows(partitions, 2);
      assertThat(rows * 41 * partitions).isLessThanOrEqualTo(KeyShuffle.OPEN_BLOCKS_BYTES);
    }
    assertThat(KeyShuffle.blockRows(1_000_000, 0)).isEqualTo(KeyShuffle.MIN_BLOCK_ROWS);
  }
}

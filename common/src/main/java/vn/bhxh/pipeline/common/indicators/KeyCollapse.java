package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-key step of an exact distinct roll-up, as one hash pass over each task's rows after a
 * shuffle by (group, key), so that every row of a key is in one task.
 *
 * <p>Out of a task come, per group (month or year) and source province: one row per distinct value
 * with the number of keys seen only in that province that have it ({@code shared_key} null), one
 * row per (key seen in several provinces, province) with the key's value there ({@code
 * single_value} null, {@code keys} 1), and, when the rows carry additive measures, one row of their
 * sums ({@code shared_key} and {@code single_value} null, value 0, keys 0). A few hundred rows a
 * task plus the shared keys, where a grouping by (key, province), a window over the key and a
 * grouping by value took three sorts or hash maps of every row.
 *
 * <p>Rows without a source province (a code that is not a number) reach no territory and are left
 * out; rows without a key count in the sums only. Both are what the grouping did.
 */
final class KeyCollapse {
  /** Output column: the key, for a key seen in several provinces; null otherwise. */
  static final String SHARED_KEY = "shared_key";

  /** Output column: the value shared by the counted keys; null on a shared key's row. */
  static final String SINGLE_VALUE = "single_value";

  /** Output column: how many keys the row stands for. */
  static final String KEYS = "keys";

  /**
   * Where the input's columns are in the rows both passes read ({@link AdjacentMerge} before the
   * shuffle, the hash pass after it): group, source, key, value, then the additive measures.
   */
  static final int GROUP = 0;

  static final int SOURCE = 1;
  static final int KEY = 2;
  static final int VALUE = 3;
  static final int FIRST_ADDITIVE = 4;

  private KeyCollapse() {}

  /**
   * Collapses rows per (group, key): the rows that follow each other with the same (group, source,
   * key) are merged in the task that read them ({@link AdjacentMerge}), the rest are shuffled by
   * (group, key) in blocks of columns ({@link KeyShuffle}) so that every row of a key is in one
   * task, and each task makes one hash pass. The shuffle has the configured number of shuffle
   * partitions, a fixed number: left to adaptive execution, a month's rows were coalesced into
   * three large tasks on two cores (the last one running alone), each holding a third of the keys.
   *
   * @param rows rows with the named columns group (int), source (int), key (long), value (long) and
   *     the additive measures (long)
   * @return group, source, shared_key, single_value, value (named as in the input), keys, then the
   *     additive measures' sums
   */
  static Dataset<Row> collapse(
      Dataset<Row> rows,
      String group,
      String source,
      String key,
      String value,
      List<String> additive,
      KeyTable.Merge merge) {
    List<Column> columns = new ArrayList<>(List.of(col(group), col(source), col(key), col(value)));
    additive.forEach(a -> columns.add(col(a)));
    Dataset<Row> ordered = rows.select(columns.toArray(Column[]::new));
    SparkSession spark = rows.sparkSession();
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    JavaRDD<InternalRow> merged =
        ordered
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .mapPartitions(new AdjacentMerge(additive.size(), merge));

    StructType schema =
        new StructType()
            .add(group, DataTypes.IntegerType, false)
            .add(source, DataTypes.IntegerType, false)
            .add(SHARED_KEY, DataTypes.LongType, true)
            .add(SINGLE_VALUE, DataTypes.LongType, true)
            .add(value, DataTypes.LongType, false)
            .add(KEYS, DataTypes.LongType, false);
    for (String a : additive) {
      schema = schema.add(a, DataTypes.LongType, false);
    }
    RDD<InternalRow> collapsed =
        KeyShuffle.byKey(merged, additive.size(), partitions)
            .mapPartitions(new Pass(additive.size(), merge))
            .rdd();
    // Spark's own way to a frame over internal rows (package-private in Scala, public to Java).
    return spark.internalCreateDataFrame(collapsed, schema, false);
  }

  /** One task's pass: the key table, the sums per (group, source), then the output rows. */
  private static final class Pass
      implements FlatMapFunction<Iterator<KeyShuffle.Block>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private static final int OUTPUT_FIRST_ADDITIVE = 6;

    private final int additive;
    private final KeyTable.Merge merge;

    Pass(int additive, KeyTable.Merge merge) {
      this.additive = additive;
      this.merge = merge;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<KeyShuffle.Block> blocks) {
      KeyTable table = new KeyTable(merge);
      Map<Long, long[]> sums = new HashMap<>();
      long lastSlice = Long.MIN_VALUE;
      long[] lastSums = null;
      while (blocks.hasNext()) {
        KeyShuffle.Block block = blocks.next();
        for (int i = 0; i < block.size(); i++) {
          int group = block.groups()[i];
          int source = block.sources()[i];
          if (additive > 0) {
            long slice = ((long) group << 32) | (source & 0xFFFFFFFFL);
            if (slice != lastSlice) {
              lastSums = sums.computeIfAbsent(slice, s -> new long[additive]);
              lastSlice = slice;
            }
            for (int a = 0; a < additive; a++) {
              lastSums[a] += block.sums()[i * additive + a];
            }
          }
          if (!block.keyless()[i]) {
            table.add(group, block.keys()[i], source, block.values()[i]);
          }
        }
      }

      List<InternalRow> out = new ArrayList<>();
      table.countSingles(
          (group, source, value, keys) -> out.add(row(group, source, null, value, value, keys)));
      table.forEachShared(
          (group, source, key, value) -> out.add(row(group, source, key, null, value, 1L)));
      sums.forEach(
          (slice, values) -> {
            GenericInternalRow row =
                row((int) (slice >> 32), (int) (long) slice, null, null, 0L, 0L);
            for (int i = 0; i < additive; i++) {
              row.setLong(OUTPUT_FIRST_ADDITIVE + i, values[i]);
            }
            out.add(row);
          });
      return out.iterator();
    }

    private GenericInternalRow row(
        int group, int source, Long sharedKey, Long singleValue, long value, long keys) {
      Object[] fields = new Object[OUTPUT_FIRST_ADDITIVE + additive];
      fields[0] = group;
      fields[1] = source;
      fields[2] = sharedKey;
      fields[3] = singleValue;
      fields[4] = value;
      fields[5] = keys;
      for (int i = 0; i < additive; i++) {
        fields[OUTPUT_FIRST_ADDITIVE + i] = 0L;
      }
      return new GenericInternalRow(fields);
    }
  }
}

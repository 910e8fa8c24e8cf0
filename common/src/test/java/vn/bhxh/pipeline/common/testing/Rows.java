package vn.bhxh.pipeline.common.testing;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Expected and input rows written inline: {@code row("01", 2025, 10, 123L)} in the column order of
 * a schema, or {@code named(SCHEMA).set("period", "2025-10").set("value", 3.0).row()} when only a
 * few of many columns matter (the others stay null). Values are the Java types Spark returns for
 * the schema: {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}.
 */
public final class Rows {
  private Rows() {}

  /** One row, values in column order. */
  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /** Rows as a list, in the order given. */
  public static List<Row> rows(Row... rows) {
    return Arrays.asList(rows);
  }

  /** A frame of {@code rows} with {@code schema}, on the shared {@link SparkTestSession}. */
  public static Dataset<Row> frame(StructType schema, Row... rows) {
    return SparkTestSession.get().createDataFrame(Arrays.asList(rows), schema);
  }

  /** A row of {@code schema} built by column name; columns not set are null. */
  public static Named named(StructType schema) {
    return new Named(schema);
  }

  /** A row under construction by column name (see {@link #named}). */
  public static final class Named {
    private final StructType schema;
    private final Object[] values;

    private Named(StructType schema) {
      this.schema = schema;
      this.values = new Object[schema.size()];
    }

    /**
     * Sets one column.
     *
     * @throws IllegalArgumentException if the schema has no such column
     */
    public Named set(String column, Object value) {
      values[schema.fieldIndex(column)] = value;
      return this;
    }

    /** The row: a copy, so the builder can go on to the next row. */
    public Row row() {
      return RowFactory.create(values.clone());
    }
  }
}

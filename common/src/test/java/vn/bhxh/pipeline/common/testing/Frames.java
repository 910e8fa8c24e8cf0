package vn.bhxh.pipeline.common.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.schema.CommonColumns;

/**
 * Assertions on whole frames: the rows of a Dataset against rows written by hand with {@link Rows}.
 * Rows match when every value is equal, doubles within {@link #TOLERANCE} (absolute, or relative
 * for large values). A mismatch fails with the columns, the missing and the unexpected rows (at
 * most {@link #SHOWN} of each); values of {@code person_id} columns are never printed.
 */
public final class Frames {
  /** How close two doubles must be to count as equal: absolute, or relative above 1. */
  public static final double TOLERANCE = 1e-9;

  /** How many missing (and how many unexpected) rows a failure lists at most. */
  public static final int SHOWN = 20;

  private static final String HIDDEN = "<hidden>";

  private Frames() {}

  /** The frame holds exactly {@code expected}, in any order (duplicates count). */
  public static void assertSameRows(List<Row> expected, Dataset<Row> actual) {
    compare(expected, actual.collectAsList(), actual.schema(), false);
  }

  /** The frame holds exactly {@code expected} in that order. */
  public static void assertSameRowsInOrder(List<Row> expected, Dataset<Row> actual) {
    compare(expected, actual.collectAsList(), actual.schema(), true);
  }

  /**
   * The frame has exactly the columns of {@code expectedSchema} (names, order and types;
   * nullability is not compared) and holds exactly {@code expected}, in any order.
   */
  public static void assertSameRows(
      StructType expectedSchema, List<Row> expected, Dataset<Row> actual) {
    assertSameColumns(expectedSchema, actual);
    assertSameRows(expected, actual);
  }

  /** The frame has exactly these columns: names, order and types (nullability not compared). */
  public static void assertSameColumns(StructType expectedSchema, Dataset<Row> actual) {
    String expected = columns(expectedSchema);
    String found = columns(actual.schema());
    if (!expected.equals(found)) {
      throw new AssertionError(
          "columns differ\n  expected: " + expected + "\n  actual:   " + found);
    }
  }

  private static void compare(
      List<Row> expected, List<Row> actual, StructType schema, boolean ordered) {
    List<Row> missing = new ArrayList<>();
    List<Row> unexpected = new ArrayList<>(actual);
    if (ordered) {
      boolean same = expected.size() == actual.size();
      for (int i = 0; same && i < expected.size(); i++) {
        same = sameRow(expected.get(i), actual.get(i));
      }
      if (!same) {
        fail("rows differ in content or order", schema, expected, actual);
      }
      return;
    }
    for (Row wanted : expected) {
      int found = -1;
      for (int i = 0; i < unexpected.size() && found < 0; i++) {
        if (sameRow(wanted, unexpected.get(i))) {
          found = i;
        }
      }
      if (found < 0) {
        missing.add(wanted);
      } else {
        unexpected.remove(found);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      fail(
          String.format(
              "rows differ: %d missing, %d unexpected (%d expected, %d actual)",
              missing.size(), unexpected.size(), expected.size(), actual.size()),
          schema,
          missing,
          unexpected);
    }
  }

  private static void fail(String headline, StructType schema, List<Row> left, List<Row> right) {
    boolean ordered = headline.contains("order");
    String message =
        headline
            + "\n  columns: "
            + columns(schema)
            + "\n"
            + listing(ordered ? "expected" : "missing", left, schema)
            + listing(ordered ? "actual" : "unexpected", right, schema);
    throw new AssertionError(message.stripTrailing());
  }

  private static String listing(String title, List<Row> rows, StructType schema) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("  " + title + ":\n");
    rows.stream()
        .limit(SHOWN)
        .forEach(r -> text.append("    ").append(show(r, schema)).append('\n'));
    if (rows.size() > SHOWN) {
      text.append("    … and ").append(rows.size() - SHOWN).append(" more\n");
    }
    return text.toString();
  }

  /** A row as {@code [v1, v2, …]}, with the values of person_id columns hidden. */
  private static String show(Row row, StructType schema) {
    List<String> fieldNames = Arrays.asList(schema.fieldNames());
    List<String> values = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      boolean hidden =
          i < fieldNames.size()
              && fieldNames.get(i).equals(CommonColumns.PERSON_ID)
              && !row.isNullAt(i);
      values.add(hidden ? HIDDEN : String.valueOf(row.get(i)));
    }
    return "[" + String.join(", ", values) + "]";
  }

  private static String columns(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(Frames::column)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String column(StructField field) {
    return field.name() + " " + field.dataType().simpleString();
  }

  private static boolean sameRow(Row expected, Row actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!sameValue(expected.get(i), actual.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object expected, Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      return e.equals(a) || Math.abs(e - a) <= TOLERANCE * Math.max(1.0, Math.abs(e));
    }
    if (expected instanceof Row e && actual instanceof Row a) {
      return sameRow(e, a);
    }
    return Objects.equals(expected, actual);
  }
}

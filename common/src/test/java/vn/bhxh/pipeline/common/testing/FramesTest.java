package vn.bhxh.pipeline.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameColumns;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRowsInOrder;
import static vn.bhxh.pipeline.common.testing.Rows.frame;
import static vn.bhxh.pipeline.common.testing.Rows.named;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link Frames} and {@link Rows}: what passes, what fails and what a failure says. */
@SparkTier
class FramesTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("province_code", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("month", DataTypes.IntegerType)
          .add("value", DataTypes.DoubleType);

  private static final Dataset<Row> FRAME =
      frame(SCHEMA, row("01", 2025, 10, 123.0), row("02", 2025, 10, 4.5), row("02", 2025, 10, 4.5));

  /** The rows of {@link #FRAME}, province 01's value replaced by {@code value}. */
  private static List<Row> withValueOf01(double value) {
    return rows(row("01", 2025, 10, value), row("02", 2025, 10, 4.5), row("02", 2025, 10, 4.5));
  }

  @Test
  void theSameRowsInAnyOrderPassAndDuplicatesCount() {
    assertSameRows(
        rows(row("02", 2025, 10, 4.5), row("01", 2025, 10, 123.0), row("02", 2025, 10, 4.5)),
        FRAME);
    assertSameRows(
        SCHEMA,
        rows(row("02", 2025, 10, 4.5), row("01", 2025, 10, 123.0), row("02", 2025, 10, 4.5)),
        FRAME);

    AssertionError once =
        assertThrows(
            AssertionError.class,
            () ->
                assertSameRows(rows(row("01", 2025, 10, 123.0), row("02", 2025, 10, 4.5)), FRAME));
    assertThat(once)
        .hasMessageStartingWith("rows differ: 0 missing, 1 unexpected (2 expected, 3 actual)");
  }

  @Test
  void doublesMatchWithinTheToleranceOnly() {
    assertSameRows(withValueOf01(123.0 + 1e-8), FRAME);
    assertThrows(AssertionError.class, () -> assertSameRows(withValueOf01(123.001), FRAME));
  }

  @Test
  void aWrongValueFailsWithTheColumnsTheMissingAndTheUnexpectedRows() {
    AssertionError failure =
        assertThrows(AssertionError.class, () -> assertSameRows(withValueOf01(124.0), FRAME));

    assertThat(failure)
        .hasMessage(
            """
            rows differ: 1 missing, 1 unexpected (3 expected, 3 actual)
              columns: (province_code string, year int, month int, value double)
              missing:
                [01, 2025, 10, 124.0]
              unexpected:
                [01, 2025, 10, 123.0]""");
  }

  @Test
  void aTypeThatDiffersFailsEvenWhenTheValuesPrintAlike() {
    // 10L is not the int 10: the frame's month column is an int
    assertThrows(
        AssertionError.class,
        () ->
            assertSameRows(
                rows(
                    row("01", 2025, 10L, 123.0),
                    row("02", 2025, 10, 4.5),
                    row("02", 2025, 10, 4.5)),
                FRAME));
    StructType longMonth =
        new StructType()
            .add("province_code", DataTypes.StringType)
            .add("year", DataTypes.IntegerType)
            .add("month", DataTypes.LongType)
            .add("value", DataTypes.DoubleType);
    AssertionError failure =
        assertThrows(AssertionError.class, () -> assertSameColumns(longMonth, FRAME));
    assertThat(failure)
        .hasMessage(
            """
            columns differ
              expected: (province_code string, year int, month bigint, value double)
              actual:   (province_code string, year int, month int, value double)""");
  }

  @Test
  void inOrderFailsOnTheSameRowsInAnotherOrder() {
    List<Row> expected = withValueOf01(123.0);
    assertSameRowsInOrder(expected, FRAME.orderBy("province_code"));
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                assertSameRowsInOrder(expected, FRAME.orderBy(FRAME.col("province_code").desc())));
    assertThat(failure).hasMessageStartingWith("rows differ in content or order");
  }

  @Test
  void aFailureListsAtMostTwentyRowsEachSideAndHidesPersonIds() {
    StructType people =
        new StructType().add("person_id", DataTypes.StringType).add("scheme", DataTypes.StringType);
    List<Row> actual = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      actual.add(row(String.format("P%09d", i), "HI"));
    }
    Dataset<Row> frame = frame(people, actual.toArray(Row[]::new));

    AssertionError failure =
        assertThrows(
            AssertionError.class, () -> assertSameRows(rows(row("P000000099", "HI")), frame));

    assertThat(failure.getMessage())
        .startsWith("rows differ: 1 missing, 25 unexpected")
        .contains("[<hidden>, HI]", "… and 5 more")
        .doesNotContain("P0000");
    assertThat(failure.getMessage().lines().filter(l -> l.contains("<hidden>"))).hasSize(21);
  }

  @Test
  void aNamedRowLeavesTheColumnsNotSetNull() {
    Rows.Named builder = named(SCHEMA).set("province_code", "01").set("value", 2.0);
    Row first = builder.row();
    Row second = builder.set("province_code", "02").row();

    assertThat(first).isEqualTo(row("01", null, null, 2.0));
    assertThat(second).isEqualTo(row("02", null, null, 2.0));
    assertThrows(IllegalArgumentException.class, () -> builder.set("no_such_column", 1));
  }
}

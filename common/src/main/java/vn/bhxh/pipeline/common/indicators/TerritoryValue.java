package vn.bhxh.pipeline.common.indicators;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One indicator's value for one territory in one month, as the steps after the base values ({@link
 * Values}, {@link YearToDateDistinct#values}, {@link Targets}, {@link Assembly}) compute them on
 * the driver: a few thousand rows a month, where Spark plans cost dozens of small jobs and seconds
 * of planning for the same result.
 *
 * <p>Nulls follow Spark SQL's, which these steps replaced: a null value is an unknown one (no
 * province of the territory delivered), and {@link #and} and {@link #least} are SQL's three-valued
 * {@code AND} and {@code min} over booleans.
 *
 * @param value null when unknown
 * @param numerator a ratio's numerator value; null for other indicators
 * @param denominator a ratio's denominator value; null for other indicators
 * @param complete whether every province of the territory delivered every month the value reads
 */
record TerritoryValue(
    Period period,
    int territory,
    String indicator,
    Double value,
    Double numerator,
    Double denominator,
    Boolean complete) {

  /** Where a value sits: a month, a territory, an indicator. */
  record Cell(Period period, int territory, String indicator) {}

  /** A value that is not a ratio (no numerator, no denominator). */
  static TerritoryValue of(
      Period period, int territory, String indicator, Double value, Boolean complete) {
    return new TerritoryValue(period, territory, indicator, value, null, null, complete);
  }

  Cell cell() {
    return new Cell(period, territory, indicator);
  }

  /**
   * Base values collected from a frame of {@code period, territory_id, indicator, value, complete}.
   */
  static List<TerritoryValue> fromBaseRows(List<Row> rows) {
    return rows.stream()
        .map(
            row ->
                of(
                    Period.parse(row.getString(row.fieldIndex(Columns.PERIOD))),
                    row.getInt(row.fieldIndex(Columns.TERRITORY)),
                    row.getString(row.fieldIndex(Columns.INDICATOR)),
                    (Double) row.get(row.fieldIndex(Columns.VALUE)),
                    (Boolean) row.get(row.fieldIndex(Columns.COMPLETE))))
        .toList();
  }

  /** Values by their cell; a cell holds one value (the steps never produce two). */
  static Map<Cell, TerritoryValue> byCell(Collection<TerritoryValue> values) {
    Map<Cell, TerritoryValue> cells = new HashMap<>(values.size() * 2);
    for (TerritoryValue value : values) {
      if (cells.put(value.cell(), value) != null) {
        throw new IllegalStateException("two values for " + value.cell());
      }
    }
    return cells;
  }

  /** SQL's {@code a AND b}: false if either is false, else null if either is null. */
  static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : Boolean.TRUE;
  }

  /** SQL's {@code min} over two booleans: nulls ignored, false if either is false. */
  static Boolean least(Boolean a, Boolean b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a && b;
  }
}

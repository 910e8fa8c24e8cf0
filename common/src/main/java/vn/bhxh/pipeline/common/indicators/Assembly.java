package vn.bhxh.pipeline.common.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.indicators.Territories.Territory;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The last step of {@link IndicatorComputation}: the contract's {@code indicators} rows, in both
 * boundaries, with attainment, expected-to-date, on-track and year-over-year columns. Pure
 * functions on the driver.
 */
final class Assembly {

  private Assembly() {}

  /**
   * The {@code indicators} rows of the months wanted: every territory of the month's geography in
   * the {@code reported} boundary, every p34 territory in the {@code current} boundary, the nation
   * in both; with target, attainment, expected-to-date and on-track (year-to-date indicators), and
   * the same territory's value a year earlier.
   *
   * @param values {@link Values#of} (and {@link YearToDateDistinct#values}) for the months wanted
   *     and the same months a year earlier
   * @param targets {@link Targets#derive} of the months wanted
   * @param months the months wanted
   * @return rows of {@link IndicatorColumns#TABLE_SCHEMA}
   */
  static List<Row> assemble(
      List<TerritoryValue> values,
      Map<Cell, Double> targets,
      IndicatorCatalogue catalogue,
      Territories territories,
      Set<Period> months) {
    Map<Cell, TerritoryValue> cells = TerritoryValue.byCell(values);
    Map<Period, Map<Integer, List<TerritoryValue>>> byTerritory = new HashMap<>();
    for (TerritoryValue value : values) {
      if (months.contains(value.period()) && catalogue.find(value.indicator()).isPresent()) {
        byTerritory
            .computeIfAbsent(value.period(), p -> new HashMap<>())
            .computeIfAbsent(value.territory(), t -> new ArrayList<>())
            .add(value);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Period month : new TreeSet<>(months)) {
      Map<Integer, List<TerritoryValue>> ofMonth = byTerritory.getOrDefault(month, Map.of());
      for (String boundary :
          List.of(IndicatorColumns.BOUNDARY_REPORTED, IndicatorColumns.BOUNDARY_CURRENT)) {
        GeographyVersion shown =
            boundary.equals(IndicatorColumns.BOUNDARY_REPORTED)
                ? territories.versionOf(month)
                : GeographyVersion.P34;
        for (Territory territory : territories.territories()) {
          if (!territory.version().map(shown::equals).orElse(true)) {
            continue;
          }
          for (TerritoryValue value : ofMonth.getOrDefault(territory.id(), List.of())) {
            TerritoryValue previous =
                cells.get(new Cell(month.previousYear(), territory.id(), value.indicator()));
            rows.add(
                row(
                    value,
                    boundary,
                    territory,
                    catalogue.get(value.indicator()).measure().isYearToDate(),
                    targets.get(value.cell()),
                    Optional.ofNullable(previous).map(TerritoryValue::value).orElse(null)));
          }
        }
      }
    }
    return rows;
  }

  /** One row, its derived columns computed as the Spark expressions this replaced did. */
  private static Row row(
      TerritoryValue value,
      String boundary,
      Territory territory,
      boolean yearToDate,
      Double target,
      Double previousYear) {
    Double v = value.value();
    Double expectedToDate =
        yearToDate && target != null ? target * value.period().month() / 12.0 : null;
    Double change = v == null || previousYear == null ? null : v - previousYear;
    return RowFactory.create(
        value.period().toString(),
        boundary,
        territory.level(),
        territory.code(),
        territory.name(),
        value.indicator(),
        v,
        value.numerator(),
        value.denominator(),
        target,
        v == null || target == null || target == 0.0 ? null : v / target * 100.0,
        expectedToDate,
        yearToDate && v != null && expectedToDate != null ? v >= expectedToDate : null,
        previousYear,
        change,
        change == null || previousYear == 0.0 ? null : change / previousYear * 100.0,
        value.complete());
  }
}

package vn.bhxh.pipeline.common.indicators;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.indicators.Territories.Territory;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * A step of {@link IndicatorComputation}: the annual targets of every territory, given in the
 * {@code targets} table or derived from its provinces', re-based across the 2025 merger. Pure
 * functions on the driver (the table holds a few thousand rows a year).
 */
final class Targets {
  /** Spark's decimal multiplication rounds to 39 digits before the result's scale. */
  private static final MathContext PRODUCT = new MathContext(39, RoundingMode.HALF_UP);

  private Targets() {}

  /**
   * The annual target of every territory, indicator and month wanted. Province targets are in the
   * geography of 1 January of their year and reach every territory their province is part of: a
   * territory's derived target is the sum of its provinces' targets (counts and amounts) or
   * Σ(target × denominator) ÷ Σ denominator (ratios, with each province's denominator of the
   * month), and only when every province of the territory has one. A region or national target
   * given in the file wins over the derived one for the territories of its own geography.
   *
   * <p>Sums are exact decimals, as in the Spark plan this replaced (target to 8 decimals,
   * denominator to 4, products to 6, each rounded half up): the same figures in any order.
   *
   * @param targets rows of year, geo_code, indicator, target
   * @param base {@link BaseValues} by cell, of the months wanted (denominators of ratio targets)
   * @return the targets by cell; cells without one are absent
   */
  static Map<Cell, Double> derive(
      List<Row> targets,
      Map<Cell, TerritoryValue> base,
      IndicatorCatalogue catalogue,
      Territories territories,
      Set<Period> months) {
    Map<SourceProvince, Integer> provinces = new HashMap<>();
    Map<String, List<Territory>> aggregates = new HashMap<>();
    for (Territory t : territories.territories()) {
      if (t.level().equals(IndicatorColumns.LEVEL_PROVINCE)) {
        provinces.put(new SourceProvince(t.version().orElseThrow(), t.code()), t.id());
      } else {
        aggregates.computeIfAbsent(t.code(), c -> new ArrayList<>()).add(t);
      }
    }
    Map<Cell, Double> given = new LinkedHashMap<>();
    Map<Cell, ProvinceTargets> sums = new LinkedHashMap<>();
    for (Period month : new TreeSet<>(months)) {
      GeographyVersion version = territories.versionOf(month.startOfYear());
      for (Row row : targets) {
        if (row.getInt(row.fieldIndex(TargetsColumns.YEAR)) != month.year()) {
          continue;
        }
        String code = row.getString(row.fieldIndex(TargetsColumns.INDICATOR));
        Optional<IndicatorDefinition> definition = catalogue.find(code);
        if (definition.isEmpty()) {
          continue;
        }
        String geo = row.getString(row.fieldIndex(TargetsColumns.GEO_CODE));
        double target = row.getDouble(row.fieldIndex(TargetsColumns.TARGET));
        for (Territory aggregate : aggregates.getOrDefault(geo, List.of())) {
          if (aggregate.version().map(version::equals).orElse(true)) {
            given.put(new Cell(month, aggregate.id(), code), target);
          }
        }
        SourceProvince source = new SourceProvince(version, geo);
        Integer province = provinces.get(source);
        if (province == null) {
          continue;
        }
        Double denominator =
            definition
                .get()
                .denominator()
                .map(d -> base.get(new Cell(month, province, d)))
                .map(TerritoryValue::value)
                .orElse(null);
        for (int territory : territories.reachedBy(version, geo)) {
          sums.computeIfAbsent(
                  new Cell(month, territory, code),
                  c -> new ProvinceTargets(definition.get().measure() == Measure.RATIO, version))
              .add(target, denominator);
        }
      }
    }

    Map<Cell, Double> derived = new LinkedHashMap<>();
    sums.forEach(
        (cell, sum) -> {
          int provincesOfTerritory =
              territories.provincesPerTerritory(sum.version).get(cell.territory());
          Double target = sum.withTarget == provincesOfTerritory ? sum.target() : null;
          if (target != null) {
            derived.put(cell, target);
          }
        });
    derived.putAll(given); // a target given for a region or the nation wins
    return derived;
  }

  /** A province code in the geography version its targets are given in. */
  private record SourceProvince(GeographyVersion version, String code) {}

  /** The province targets that reach one territory, summed. */
  private static final class ProvinceTargets {
    private final boolean ratio;
    private final GeographyVersion version;
    private int withTarget;
    private int withDenominator;
    private BigDecimal targetSum = BigDecimal.ZERO;
    private BigDecimal weightedSum;
    private BigDecimal denominatorSum;

    ProvinceTargets(boolean ratio, GeographyVersion version) {
      this.ratio = ratio;
      this.version = version;
    }

    void add(double target, Double denominator) {
      withTarget++;
      BigDecimal exactTarget = decimal(target, 8);
      targetSum = targetSum.add(exactTarget);
      if (denominator != null) {
        withDenominator++;
        BigDecimal exactDenominator = decimal(denominator, 4);
        BigDecimal weighted =
            exactTarget.multiply(exactDenominator, PRODUCT).setScale(6, RoundingMode.HALF_UP);
        weightedSum = weightedSum == null ? weighted : weightedSum.add(weighted);
        denominatorSum =
            denominatorSum == null ? exactDenominator : denominatorSum.add(exactDenominator);
      }
    }

    /** The territory's target once every province has one: a sum, or a weighted mean (ratios). */
    Double target() {
      if (!ratio) {
        return targetSum.doubleValue();
      }
      if (withDenominator != withTarget || denominatorSum.signum() <= 0) {
        return null;
      }
      return weightedSum.doubleValue() / denominatorSum.doubleValue();
    }

    /** A double as Spark casts it to a decimal: its shortest decimal text, rounded half up. */
    private static BigDecimal decimal(double value, int scale) {
      return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
  }
}

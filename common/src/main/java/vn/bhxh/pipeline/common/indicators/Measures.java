package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.KEY;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.SHARED_KEY;
import static vn.bhxh.pipeline.common.indicators.Columns.SOURCE;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;
import static vn.bhxh.pipeline.common.indicators.Columns.VALUE;
import static vn.bhxh.pipeline.common.indicators.Columns.YEAR;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The first step of {@link IndicatorComputation}: one pass over a dataset's rows for the months
 * computed, giving every base measure of that dataset for every territory (all levels, both
 * geographies). Pure functions.
 *
 * <p>Distinct counts are exact: rows are deduplicated per (key, province) with a bit per distinct
 * measure, keys seen in one province are counted per province and mask before the counts fan out to
 * the territories, and only keys seen in several provinces are deduplicated per territory, so a
 * person in two provinces counts once in their region and the nation, and one shuffle serves every
 * distinct measure of the dataset.
 */
public final class Measures {
  /** Internal column: one bit per distinct measure that a row passes. */
  private static final String MASK = "mask";

  /** Internal columns of the distinct roll-up (see {@link #withDistinct}). */
  private static final String SINGLE_MASK = KeyCollapse.SINGLE_VALUE;

  private static final String KEYS = KeyCollapse.KEYS;
  private static final String MONTH = "month_number";

  private Measures() {}

  /**
   * Every base measure of a dataset for every territory and month present in {@code rows}.
   *
   * @param rows the dataset's rows (columns of its table schema), already limited to the months
   *     wanted; population rows expanded to months by {@link #populationByMonth}
   * @param dataset the dataset name of the catalogue
   * @param sourceVersion the geography version ({@code p63}/{@code p34}) of a row's province code
   * @param links {@link Territories#linksFrame}
   * @param months the months the rows hold, whose numbers are looked up rather than parsed from
   *     every row's period (a row of another month is parsed)
   * @return period, territory_id, indicator, value
   */
  public static Dataset<Row> measure(
      Dataset<Row> rows,
      String dataset,
      Column sourceVersion,
      IndicatorCatalogue catalogue,
      Dataset<Row> links,
      Collection<Period> months) {
    List<IndicatorDefinition> definitions = catalogue.baseMeasuresOf(dataset);
    Optional<String> keyColumn =
        definitions.stream()
            .filter(d -> d.measure() == Measure.DISTINCT)
            .map(d -> d.column().orElseThrow())
            .findFirst();

    List<Column> projected = new ArrayList<>();
    // Fixed-width keys for the big aggregations: the month as yyyymm, the source province as one
    // int (geography version and code), the distinct key as a long.
    projected.add(monthNumber(col(PERIOD), months).as(MONTH));
    projected.add(sourceId(sourceVersion, col(CommonColumns.PROVINCE_CODE)).as(SOURCE));
    projected.add(keyColumn.map(c -> col(c)).orElse(lit(0L)).cast(DataTypes.LongType).as(KEY));
    Column mask = lit(0L);
    int bit = 0;
    List<String> distinct = new ArrayList<>();
    List<String> additive = new ArrayList<>();
    for (IndicatorDefinition d : definitions) {
      Column passes = d.filter().map(f -> expr(f)).orElse(lit(true));
      switch (d.measure()) {
        case DISTINCT -> {
          mask = mask.bitwiseOR(when(passes, lit(1L << bit)).otherwise(lit(0L)));
          distinct.add(d.code());
          bit++;
        }
        case COUNT -> {
          projected.add(when(passes, lit(1L)).otherwise(lit(0L)).as(d.code()));
          additive.add(d.code());
        }
        case SUM -> {
          projected.add(
              when(
                      passes,
                      coalesce(col(d.column().orElseThrow()).cast(DataTypes.LongType), lit(0L)))
                  .otherwise(lit(0L))
                  .as(d.code()));
          additive.add(d.code());
        }
        default -> throw new IllegalStateException("not a base measure: " + d.code());
      }
    }
    projected.add(mask.as(MASK));

    Dataset<Row> narrow = rows.select(projected.toArray(Column[]::new));
    Dataset<Row> sources =
        links.select(
            sourceId(col(Territories.SOURCE_VERSION), col(CommonColumns.PROVINCE_CODE)).as(SOURCE),
            col(TERRITORY));
    Dataset<Row> grouped =
        distinct.isEmpty()
            ? additiveOnly(narrow, additive, sources)
            : withDistinct(narrow, distinct, additive, sources);
    List<String> codes = new ArrayList<>(distinct);
    codes.addAll(additive);
    return grouped
        .withColumn(
            PERIOD,
            format_string(
                "%04d-%02d",
                col(MONTH).divide(100).cast(DataTypes.IntegerType), col(MONTH).mod(100)))
        .drop(MONTH)
        .unpivot(
            new Column[] {col(PERIOD), col(TERRITORY)},
            codes.stream().map(c -> col(c)).toArray(Column[]::new),
            INDICATOR,
            VALUE);
  }

  /**
   * Additive measures only: summed per source province first (a hash aggregate with a few hundred
   * groups), then the tiny per-province sums are fanned out to their territories and summed again.
   */
  private static Dataset<Row> additiveOnly(
      Dataset<Row> narrow, List<String> additive, Dataset<Row> sources) {
    List<Column> perProvince = new ArrayList<>();
    List<Column> perTerritory = new ArrayList<>();
    for (String code : additive) {
      perProvince.add(sum(col(code)).as(code));
      perTerritory.add(sum(col(code)).cast(DataTypes.DoubleType).as(code));
    }
    Dataset<Row> provinces = aggregate(narrow, List.of(MONTH, SOURCE), perProvince);
    return aggregate(toTerritories(provinces, sources), List.of(MONTH, TERRITORY), perTerritory);
  }

  /**
   * Distinct measures (and the dataset's additive ones) without fanning every row out to its
   * territories. A key (person, payer) found in one source province in a month, nearly every key,
   * counts once in each territory of that province, so such keys are first counted per (province,
   * mask of measures passed) and only those counts fan out; only a key found in several provinces
   * is deduplicated per territory on its own.
   *
   * <ol>
   *   <li>One shuffle of the narrow rows by (month, key), so that every row of a key is in one
   *       task.
   *   <li>In each task, one hash pass ({@link KeyCollapse}): per (month, key) the source province
   *       and the OR of the masks (a person's several scheme rows become one); a key found in a
   *       second province becomes shared and keeps a mask per province. Out come, per (month,
   *       province), one row per mask with its number of single-province keys, one row per (shared
   *       key, province), and the additive sums: a few hundred rows a month plus the shared keys.
   *   <li>Those rows fan out to their territories; per (territory, key or null, mask): the OR of
   *       the masks (a multi-province key's measures in the territory) and the summed key counts.
   *   <li>Per territory: a measure's count is Σ bit × keys over the counted rows plus Σ bit over
   *       the multi-province keys (once each, whatever the number of their provinces there).
   * </ol>
   */
  private static Dataset<Row> withDistinct(
      Dataset<Row> narrow, List<String> distinct, List<String> additive, Dataset<Row> sources) {
    Dataset<Row> collapsed =
        KeyCollapse.collapse(narrow, MONTH, SOURCE, KEY, MASK, additive, KeyTable.Merge.OR);

    List<Column> perTerritoryKey = new ArrayList<>();
    perTerritoryKey.add(expr("bit_or(" + MASK + ")").as(MASK));
    perTerritoryKey.add(sum(col(KEYS)).as(KEYS));
    for (String code : additive) {
      perTerritoryKey.add(sum(col(code)).as(code));
    }
    Dataset<Row> territoryKeys =
        aggregate(
            toTerritories(collapsed, sources),
            List.of(MONTH, TERRITORY, SHARED_KEY, SINGLE_MASK),
            perTerritoryKey);

    // A multi-province key counts once per territory; a collapsed row counts its keys.
    Column weight = when(col(SHARED_KEY).isNull(), col(KEYS)).otherwise(lit(1L));
    List<Column> perTerritory = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      perTerritory.add(
          sum(shiftright(col(MASK), i).bitwiseAND(lit(1L)).multiply(weight))
              .cast(DataTypes.DoubleType)
              .as(distinct.get(i)));
    }
    for (String code : additive) {
      perTerritory.add(sum(col(code)).cast(DataTypes.DoubleType).as(code));
    }
    return aggregate(territoryKeys, List.of(MONTH, TERRITORY), perTerritory);
  }

  /**
   * Rows per source province to rows per territory it belongs to (the links, one row per source
   * province and territory, are tiny: broadcast).
   */
  private static Dataset<Row> toTerritories(Dataset<Row> perProvince, Dataset<Row> sources) {
    return perProvince.join(broadcast(sources), SOURCE).drop(SOURCE);
  }

  /** A month {@code YYYY-MM} as the int {@code YYYYMM}. */
  static Column monthNumber(Column period) {
    return substring(period, 1, 4)
        .cast(DataTypes.IntegerType)
        .multiply(100)
        .plus(substring(period, 6, 2).cast(DataTypes.IntegerType));
  }

  /**
   * {@link #monthNumber(Column)} looked up for the months given, parsed for any other: on a pass
   * over millions of rows, the two substrings and two casts of every row were a tenth of the CPU.
   */
  static Column monthNumber(Column period, Collection<Period> months) {
    Column number = null;
    for (Period month : months) {
      Column is = period.equalTo(lit(month.toString()));
      int value = month.year() * 100 + month.month();
      number = number == null ? when(is, lit(value)) : number.when(is, lit(value));
    }
    return number == null ? monthNumber(period) : number.otherwise(monthNumber(period));
  }

  /**
   * A source province as one int: 1000 × the ordinal of its geography version + its numeric code
   * (province codes are two digits, as {@link Territories} ids also assume); null for a code that
   * is not a number, which then reaches no territory, like an unknown code.
   */
  static Column sourceId(Column sourceVersion, Column provinceCode) {
    Column version = lit(null).cast(DataTypes.IntegerType);
    for (GeographyVersion v : GeographyVersion.values()) {
      version = when(sourceVersion.equalTo(v.code()), lit(1000 * v.ordinal())).otherwise(version);
    }
    return version.plus(provinceCode.cast(DataTypes.IntegerType));
  }

  /**
   * Population rows (one per year and province) as rows of each month wanted of that year, with
   * {@code period}: a year's figures apply to every month of it.
   *
   * @param months one column {@code period}
   */
  public static Dataset<Row> populationByMonth(Dataset<Row> population, Dataset<Row> months) {
    return months
        .withColumn(YEAR, substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType))
        .join(population, YEAR);
  }

  private static Dataset<Row> aggregate(
      Dataset<Row> rows, List<String> keys, List<Column> aggregates) {
    Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
    return rows.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
        .agg(aggregates.get(0), rest);
  }
}

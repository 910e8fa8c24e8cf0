package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * The indicator engine: pure functions from Datasets (and the catalogue and territories) to
 * Datasets. No reads, writes, clock or configuration inside; {@code TransformJob} does the I/O.
 *
 * <p>The steps, in the order a job calls them:
 *
 * <ol>
 *   <li>{@link #measure}: one pass over a dataset's rows for the months computed, giving every base
 *       measure of that dataset for every territory (all levels, both geographies). Distinct counts
 *       are exact: rows are deduplicated per (key, province) with a bit per distinct measure, keys
 *       seen in one province are counted per province and mask before the counts fan out to the
 *       territories, and only keys seen in several provinces are deduplicated per territory, so a
 *       person in two provinces counts once in their region and the nation, and one shuffle serves
 *       every distinct measure of the dataset.
 *   <li>{@link #completeness}: which source provinces delivered each dataset each month, against
 *       how many make up each territory.
 *   <li>{@link #baseValues}: measures and completeness joined, one row per month × territory × base
 *       indicator (value null where no province of the territory delivered).
 *   <li>{@link #values}: ratios from aggregated numerators and denominators, and year-to-date sums,
 *       for the months wanted; year-to-date distinct counts come from {@link YearToDateDistinct},
 *       which reads the year's keys.
 *   <li>{@link #targets}: the annual targets of every territory (given or derived, re-based).
 *   <li>{@link #assemble}: the contract's {@code indicators} rows of the requested months, in both
 *       boundaries, with attainment, expected-to-date, on-track and year-over-year columns.
 * </ol>
 *
 * <p>Internal frames use the columns {@code period}, {@code territory_id}, {@code indicator},
 * {@code value}, {@code numerator}, {@code denominator}, {@code complete}.
 */
public final class IndicatorEngine {
  /** Internal column: the dataset of a slice or delivery. */
  public static final String DATASET = "dataset";

  /** Internal column: the distinct key of a row (person_key, payer_key) or 0. */
  private static final String KEY = "key";

  /** Internal column: one bit per distinct measure that a row passes. */
  private static final String MASK = "mask";

  /** Internal columns of the distinct roll-up (see {@link #withDistinct}). */
  private static final String SHARED_KEY = KeyCollapse.SHARED_KEY;

  private static final String SINGLE_MASK = KeyCollapse.SINGLE_VALUE;
  private static final String KEYS = KeyCollapse.KEYS;
  private static final String MONTH = "month_number";
  private static final String SOURCE = "source_id";

  private static final String DELIVERED = "delivered_provinces";
  private static final String PERIOD = IndicatorColumns.PERIOD;
  private static final String TERRITORY = Territories.TERRITORY_ID;
  private static final String INDICATOR = IndicatorColumns.INDICATOR;
  private static final String VALUE = IndicatorColumns.VALUE;
  private static final String NUMERATOR = IndicatorColumns.NUMERATOR;
  private static final String DENOMINATOR = IndicatorColumns.DENOMINATOR;
  private static final String COMPLETE = IndicatorColumns.COMPLETE;
  private static final String TARGET = IndicatorColumns.TARGET;
  private static final String YEAR = TargetsColumns.YEAR;

  /** Columns of {@link #catalogueFrame}: the measure's spelling, and its (first) operand. */
  static final String MEASURE = "measure";

  static final String OPERAND = "operand";
  private static final String SECOND_OPERAND = "second_operand";
  private static final String FACTOR = "factor";

  private IndicatorEngine() {}

  /**
   * Every base measure of a dataset for every territory and month present in {@code rows}.
   *
   * @param rows the dataset's rows (columns of its table schema), already limited to the months
   *     wanted; population rows expanded to months by {@link #populationByMonth}
   * @param dataset the dataset name of the catalogue
   * @param sourceVersion the geography version ({@code p63}/{@code p34}) of a row's province code
   * @param links {@link Territories#linksFrame}
   * @return period, territory_id, indicator, value
   */
  public static Dataset<Row> measure(
      Dataset<Row> rows,
      String dataset,
      Column sourceVersion,
      IndicatorCatalogue catalogue,
      Dataset<Row> links) {
    List<IndicatorDefinition> definitions = catalogue.baseMeasuresOf(dataset);
    Optional<String> keyColumn =
        definitions.stream()
            .filter(d -> d.measure() == Measure.DISTINCT)
            .map(d -> d.column().orElseThrow())
            .findFirst();

    List<Column> projected = new ArrayList<>();
    // Fixed-width keys for the big aggregations: the month as yyyymm, the source province as one
    // int (geography version and code), the distinct key as a long.
    projected.add(monthNumber(col(PERIOD)).as(MONTH));
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
        KeyCollapse.collapse(
            KeyCollapse.partitionByKey(narrow, MONTH, KEY),
            MONTH,
            SOURCE,
            KEY,
            MASK,
            additive,
            KeyTable.Merge.OR);

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

  /** The geography version of population and targets rows: that of 1 January of their year. */
  public static Column versionOfYear(Territories territories, Column year) {
    return territories.versionOf(format_string("%04d-01", year));
  }

  /**
   * Which source provinces delivered a dataset in a month, from its rows (the fallback when there
   * is no {@code ingest_log}, and the rule for population).
   *
   * @return dataset, period, source_version, province_code (distinct)
   */
  public static Dataset<Row> deliveredFromRows(
      Dataset<Row> rows, String dataset, Column sourceVersion) {
    return rows.select(
            lit(dataset).as(DATASET),
            col(PERIOD),
            sourceVersion.as(Territories.SOURCE_VERSION),
            col(CommonColumns.PROVINCE_CODE))
        .distinct();
  }

  /**
   * For every dataset, month and territory: how many of the territory's source provinces delivered
   * the dataset, how many there are, and whether all did.
   *
   * @param delivered dataset, period, source_version, province_code
   * @param slices dataset, period, source_version: every dataset-month computed, with the geography
   *     version its province codes are in
   * @return dataset, period, territory_id, delivered_provinces, expected_provinces, complete
   */
  public static Dataset<Row> completeness(
      Dataset<Row> delivered, Dataset<Row> slices, Dataset<Row> links) {
    Dataset<Row> expected =
        links
            .groupBy(Territories.SOURCE_VERSION, TERRITORY)
            .agg(count(lit(1)).as(Territories.EXPECTED_PROVINCES));
    Dataset<Row> got =
        delivered
            .join(broadcast(links), on(Territories.SOURCE_VERSION, CommonColumns.PROVINCE_CODE))
            .groupBy(DATASET, PERIOD, TERRITORY)
            .agg(countDistinct(col(CommonColumns.PROVINCE_CODE)).as(DELIVERED));
    return slices
        .join(expected, Territories.SOURCE_VERSION)
        .join(got, on(DATASET, PERIOD, TERRITORY), "left")
        .select(
            col(DATASET),
            col(PERIOD),
            col(TERRITORY),
            coalesce(col(DELIVERED), lit(0L)).as(DELIVERED),
            col(Territories.EXPECTED_PROVINCES),
            coalesce(col(DELIVERED), lit(0L))
                .equalTo(col(Territories.EXPECTED_PROVINCES))
                .as(COMPLETE));
  }

  /**
   * One row per month × territory × base indicator of the slices in {@code completeness}: the
   * measured value (0 when the territory delivered but no row passed the filter; null when no
   * province of it delivered) and whether the territory is complete.
   *
   * @param measures union of {@link #measure} over the datasets
   * @return period, territory_id, indicator, value, complete
   */
  public static Dataset<Row> baseValues(
      Dataset<Row> measures, Dataset<Row> completeness, IndicatorCatalogue catalogue) {
    Dataset<Row> indicators = catalogueFrame(measures, catalogue).where(col(DATASET).isNotNull());
    return completeness
        .join(indicators, DATASET)
        .join(measures, on(PERIOD, TERRITORY, INDICATOR), "left")
        .select(
            col(PERIOD),
            col(TERRITORY),
            col(INDICATOR),
            when(col(DELIVERED).gt(0), coalesce(col(VALUE), lit(0.0))).as(VALUE),
            col(COMPLETE));
  }

  /**
   * Base indicators of earlier months read back from the {@code indicators} table, as base values:
   * a month's {@code reported} rows give its own geography's territories and the {@code current}
   * rows the p34 ones (and the nation).
   *
   * @param base the codes of the base indicators to read
   * @return period, territory_id, indicator, value, complete
   */
  public static Dataset<Row> baseValuesFromIndicators(
      Dataset<Row> indicators,
      Territories territories,
      Dataset<Row> territoryFrame,
      List<String> base) {
    Column version =
        when(
                col(IndicatorColumns.BOUNDARY).equalTo(lit(IndicatorColumns.BOUNDARY_CURRENT)),
                lit("p34"))
            .otherwise(territories.versionOf(col(PERIOD)));
    Dataset<Row> rows =
        indicators
            .where(col(INDICATOR).isin(base.toArray()))
            .where(
                col(IndicatorColumns.BOUNDARY)
                    .equalTo(lit(IndicatorColumns.BOUNDARY_CURRENT))
                    .or(
                        col(IndicatorColumns.GEO_LEVEL)
                            .notEqual(lit(IndicatorColumns.LEVEL_NATION))
                            .and(territories.versionOf(col(PERIOD)).equalTo(lit("p63")))))
            .withColumn(Territories.TERRITORY_VERSION, version);
    Column sameTerritory =
        rows.col(IndicatorColumns.GEO_LEVEL)
            .equalTo(territoryFrame.col(IndicatorColumns.GEO_LEVEL))
            .and(
                rows.col(IndicatorColumns.GEO_CODE)
                    .equalTo(territoryFrame.col(IndicatorColumns.GEO_CODE)))
            .and(
                territoryFrame
                    .col(Territories.TERRITORY_VERSION)
                    .isNull()
                    .or(
                        territoryFrame
                            .col(Territories.TERRITORY_VERSION)
                            .equalTo(rows.col(Territories.TERRITORY_VERSION))));
    return rows.join(broadcast(territoryFrame), sameTerritory)
        .select(
            rows.col(PERIOD),
            col(TERRITORY),
            rows.col(INDICATOR),
            rows.col(VALUE),
            rows.col(COMPLETE));
  }

  /**
   * Every indicator's value for the months wanted: base values as they are, ratios from the
   * aggregated numerator and denominator of the same territory, year-to-date sums from January.
   * Year to date is complete only when every month from January is there and complete.
   *
   * @param base {@link #baseValues} for the months wanted and the months of their year before them
   * @param months one column {@code period}: the months wanted
   * @return period, territory_id, indicator, value, numerator, denominator, complete
   */
  public static Dataset<Row> values(
      Dataset<Row> base, IndicatorCatalogue catalogue, Dataset<Row> months) {
    Dataset<Row> definitions = catalogueFrame(base, catalogue);
    Dataset<Row> plain =
        base.join(months, PERIOD)
            .select(
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(VALUE),
                lit(null).cast(DataTypes.DoubleType).as(NUMERATOR),
                lit(null).cast(DataTypes.DoubleType).as(DENOMINATOR),
                col(COMPLETE));

    Dataset<Row> ratios = definitions.where(col(MEASURE).equalTo(lit(Measure.RATIO.code())));
    Dataset<Row> numerators = base.join(months, PERIOD).as("n");
    Dataset<Row> denominators = base.as("d");
    Dataset<Row> ratioValues =
        broadcast(ratios)
            .join(numerators, col("n." + INDICATOR).equalTo(ratios.col(OPERAND)))
            .join(
                denominators,
                col("d." + INDICATOR)
                    .equalTo(ratios.col(SECOND_OPERAND))
                    .and(col("d." + PERIOD).equalTo(col("n." + PERIOD)))
                    .and(col("d." + TERRITORY).equalTo(col("n." + TERRITORY))))
            .select(
                col("n." + PERIOD).as(PERIOD),
                col("n." + TERRITORY).as(TERRITORY),
                ratios.col(INDICATOR).as(INDICATOR),
                when(
                        col("d." + VALUE).notEqual(lit(0.0)),
                        col("n." + VALUE).divide(col("d." + VALUE)).multiply(ratios.col(FACTOR)))
                    .as(VALUE),
                col("n." + VALUE).as(NUMERATOR),
                col("d." + VALUE).as(DENOMINATOR),
                col("n." + COMPLETE).and(col("d." + COMPLETE)).as(COMPLETE));

    Dataset<Row> ytd = definitions.where(col(MEASURE).equalTo(lit(Measure.YTD.code())));
    Dataset<Row> wanted = months.select(col(PERIOD).as("o_" + PERIOD));
    Column monthOfYear = substring(col("o_" + PERIOD), 6, 2).cast(DataTypes.IntegerType);
    Dataset<Row> ytdValues =
        broadcast(ytd)
            .join(base.as("b"), col("b." + INDICATOR).equalTo(ytd.col(OPERAND)))
            .join(
                broadcast(wanted),
                col("b." + PERIOD)
                    .geq(format_string("%s-01", substring(col("o_" + PERIOD), 1, 4)))
                    .and(col("b." + PERIOD).leq(col("o_" + PERIOD))))
            .groupBy(col("o_" + PERIOD), col("b." + TERRITORY), ytd.col(INDICATOR))
            .agg(
                sum(col("b." + VALUE)).as(VALUE),
                min(col("b." + COMPLETE)).as(COMPLETE),
                countDistinct(col("b." + PERIOD)).as("months_present"),
                min(monthOfYear).as("months_expected"))
            .select(
                col("o_" + PERIOD).as(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(VALUE),
                lit(null).cast(DataTypes.DoubleType).as(NUMERATOR),
                lit(null).cast(DataTypes.DoubleType).as(DENOMINATOR),
                col(COMPLETE)
                    .and(col("months_present").equalTo(col("months_expected")))
                    .as(COMPLETE));

    return plain.unionByName(ratioValues).unionByName(ytdValues);
  }

  /**
   * The annual target of every territory, indicator and month wanted. Province targets are in the
   * geography of 1 January of their year and reach every territory their province is part of: a
   * territory's derived target is the sum of its provinces' targets (counts and amounts) or
   * Σ(target × denominator) ÷ Σ denominator (ratios, with each province's denominator of the
   * month), and only when every province of the territory has one. A region or national target
   * given in the file wins over the derived one for the territories of its own geography.
   *
   * @param targets year, geo_code, indicator, target
   * @param base {@link #baseValues} of the months wanted (denominators of ratio targets)
   * @param months one column {@code period}
   * @return period, territory_id, indicator, target
   */
  public static Dataset<Row> targets(
      Dataset<Row> targets,
      Dataset<Row> base,
      IndicatorCatalogue catalogue,
      Territories territories,
      Dataset<Row> territoryFrame,
      Dataset<Row> links,
      Dataset<Row> months) {
    Dataset<Row> definitions = catalogueFrame(base, catalogue);
    Dataset<Row> given =
        months
            .withColumn(YEAR, substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType))
            .withColumn(Territories.SOURCE_VERSION, versionOfYear(territories, col(YEAR)))
            .join(
                targets.select(
                    col(YEAR),
                    col(TargetsColumns.GEO_CODE),
                    col(TargetsColumns.INDICATOR).as(INDICATOR),
                    col(TargetsColumns.TARGET).cast(DataTypes.DoubleType).as(TARGET)),
                YEAR)
            .join(broadcast(definitions), INDICATOR);

    // Province targets: weight by the province's own denominator (ratios), then fan out.
    Dataset<Row> provinceTerritory =
        territoryFrame
            .where(col(IndicatorColumns.GEO_LEVEL).equalTo(lit(IndicatorColumns.LEVEL_PROVINCE)))
            .select(
                col(Territories.TERRITORY_VERSION).as(Territories.SOURCE_VERSION),
                col(IndicatorColumns.GEO_CODE).as(TargetsColumns.GEO_CODE),
                col(TERRITORY).as("source_territory"));
    Dataset<Row> denominators =
        base.select(
            col(PERIOD),
            col(TERRITORY).as("source_territory"),
            col(INDICATOR).as(SECOND_OPERAND),
            col(VALUE).as(DENOMINATOR));
    // Summed as decimals: exact, so the same in any order. Doubles summed in the order rows
    // arrive from a shuffle differ in the last bits from one run to the next, and a re-run must
    // give the very same figures.
    Column exactTarget = col(TARGET).cast(DataTypes.createDecimalType(28, 8));
    Column exactDenominator = col(DENOMINATOR).cast(DataTypes.createDecimalType(24, 4));
    Dataset<Row> provinceTargets =
        given
            .join(
                broadcast(provinceTerritory),
                on(Territories.SOURCE_VERSION, TargetsColumns.GEO_CODE))
            .join(denominators, on(PERIOD, "source_territory", SECOND_OPERAND), "left")
            .join(
                broadcast(
                    links.select(
                        col(Territories.SOURCE_VERSION),
                        col(CommonColumns.PROVINCE_CODE).as(TargetsColumns.GEO_CODE),
                        col(TERRITORY))),
                on(Territories.SOURCE_VERSION, TargetsColumns.GEO_CODE))
            .groupBy(
                col(Territories.SOURCE_VERSION),
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                col(MEASURE))
            .agg(
                count(lit(1)).as("provinces_with_target"),
                sum(exactTarget).cast(DataTypes.DoubleType).as("target_sum"),
                sum(exactTarget.multiply(exactDenominator))
                    .cast(DataTypes.DoubleType)
                    .as("weighted_sum"),
                sum(exactDenominator).cast(DataTypes.DoubleType).as("denominator_sum"),
                count(col(DENOMINATOR)).as("provinces_with_denominator"));
    Dataset<Row> expected =
        links
            .groupBy(Territories.SOURCE_VERSION, TERRITORY)
            .agg(count(lit(1)).as(Territories.EXPECTED_PROVINCES));
    Column everyProvince =
        col("provinces_with_target").equalTo(col(Territories.EXPECTED_PROVINCES));
    Column ratioTarget =
        when(
            col("provinces_with_denominator")
                .equalTo(col("provinces_with_target"))
                .and(col("denominator_sum").gt(0)),
            col("weighted_sum").divide(col("denominator_sum")));
    Dataset<Row> derived =
        provinceTargets
            .join(expected, on(Territories.SOURCE_VERSION, TERRITORY))
            .select(
                col(PERIOD),
                col(TERRITORY),
                col(INDICATOR),
                when(
                        everyProvince,
                        when(col(MEASURE).equalTo(lit(Measure.RATIO.code())), ratioTarget)
                            .otherwise(col("target_sum")))
                    .as("derived_target"));

    // Region and national targets as given, for the territories of their own geography.
    Dataset<Row> aggregates =
        territoryFrame
            .where(col(IndicatorColumns.GEO_LEVEL).notEqual(lit(IndicatorColumns.LEVEL_PROVINCE)))
            .select(
                col(TERRITORY),
                col(Territories.TERRITORY_VERSION).as("aggregate_version"),
                col(IndicatorColumns.GEO_CODE).as("aggregate_code"));
    Dataset<Row> explicit =
        given
            .join(
                broadcast(aggregates),
                col(TargetsColumns.GEO_CODE)
                    .equalTo(col("aggregate_code"))
                    .and(
                        col("aggregate_version")
                            .isNull()
                            .or(col("aggregate_version").equalTo(col(Territories.SOURCE_VERSION)))))
            .select(col(PERIOD), col(TERRITORY), col(INDICATOR), col(TARGET).as("given_target"));

    return derived
        .join(explicit, on(PERIOD, TERRITORY, INDICATOR), "full_outer")
        .select(
            col(PERIOD),
            col(TERRITORY),
            col(INDICATOR),
            coalesce(col("given_target"), col("derived_target")).as(TARGET))
        .where(col(TARGET).isNotNull());
  }

  /**
   * The {@code indicators} rows of the months wanted: every territory of the month's geography in
   * the {@code reported} boundary, every p34 territory in the {@code current} boundary, the nation
   * in both; with target, attainment, expected-to-date and on-track (year-to-date indicators), and
   * the same territory's value a year earlier.
   *
   * @param values {@link #values} for the months wanted and the same months a year earlier
   * @param targets {@link #targets} of the months wanted
   * @param months one column {@code period}: the months wanted
   * @return rows of {@link IndicatorColumns#TABLE_SCHEMA}
   */
  public static Dataset<Row> assemble(
      Dataset<Row> values,
      Dataset<Row> targets,
      IndicatorCatalogue catalogue,
      Territories territories,
      Dataset<Row> territoryFrame,
      Dataset<Row> months) {
    Dataset<Row> definitions = catalogueFrame(values, catalogue);
    Column version = col(Territories.TERRITORY_VERSION);
    Dataset<Row> grid = months.crossJoin(broadcast(territoryFrame));
    Dataset<Row> reported =
        grid.where(version.isNull().or(version.equalTo(territories.versionOf(col(PERIOD)))))
            .withColumn(IndicatorColumns.BOUNDARY, lit(IndicatorColumns.BOUNDARY_REPORTED));
    Dataset<Row> current =
        grid.where(version.isNull().or(version.equalTo(lit("p34"))))
            .withColumn(IndicatorColumns.BOUNDARY, lit(IndicatorColumns.BOUNDARY_CURRENT));
    Dataset<Row> emitted = reported.unionByName(current);

    Dataset<Row> previous =
        values.select(
            col(PERIOD).as("previous_period"),
            col(TERRITORY),
            col(INDICATOR),
            col(VALUE).as(IndicatorColumns.PREV_YEAR_VALUE));
    Column previousPeriod =
        format_string(
            "%04d-%s",
            substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType).minus(1),
            substring(col(PERIOD), 6, 2));
    Column month = substring(col(PERIOD), 6, 2).cast(DataTypes.DoubleType);
    Column isYtd = col(MEASURE).isin(Measure.YTD.code(), Measure.YTD_DISTINCT.code());
    Column expectedToDate = when(isYtd, col(TARGET).multiply(month).divide(12.0));
    Column change = col(VALUE).minus(col(IndicatorColumns.PREV_YEAR_VALUE));

    Dataset<Row> rows =
        emitted
            .join(values, on(PERIOD, TERRITORY))
            .join(broadcast(definitions.select(INDICATOR, MEASURE)), INDICATOR)
            .withColumn("previous_period", previousPeriod)
            .join(previous, on("previous_period", TERRITORY, INDICATOR), "left")
            .join(targets, on(PERIOD, TERRITORY, INDICATOR), "left")
            .withColumn(IndicatorColumns.EXPECTED_TO_DATE, expectedToDate);
    return rows.select(
        col(PERIOD),
        col(IndicatorColumns.BOUNDARY),
        col(IndicatorColumns.GEO_LEVEL),
        col(IndicatorColumns.GEO_CODE),
        col(IndicatorColumns.GEO_NAME),
        col(INDICATOR),
        col(VALUE),
        col(NUMERATOR),
        col(DENOMINATOR),
        col(TARGET),
        when(col(TARGET).notEqual(0.0), col(VALUE).divide(col(TARGET)).multiply(100.0))
            .as(IndicatorColumns.ATTAINMENT_PCT),
        col(IndicatorColumns.EXPECTED_TO_DATE),
        when(isYtd, col(VALUE).geq(col(IndicatorColumns.EXPECTED_TO_DATE)))
            .as(IndicatorColumns.ON_TRACK),
        col(IndicatorColumns.PREV_YEAR_VALUE),
        change.as(IndicatorColumns.YOY_CHANGE),
        when(
                col(IndicatorColumns.PREV_YEAR_VALUE).notEqual(0.0),
                change.divide(col(IndicatorColumns.PREV_YEAR_VALUE)).multiply(100.0))
            .as(IndicatorColumns.YOY_CHANGE_PCT),
        col(COMPLETE));
  }

  /**
   * The catalogue as a small frame: indicator, measure, dataset, operand (numerator or the
   * year-to-date base), second_operand (denominator), factor.
   */
  static Dataset<Row> catalogueFrame(Dataset<Row> anyFrame, IndicatorCatalogue catalogue) {
    StructType schema =
        new StructType()
            .add(INDICATOR, DataTypes.StringType, false)
            .add(MEASURE, DataTypes.StringType, false)
            .add(DATASET, DataTypes.StringType, true)
            .add(OPERAND, DataTypes.StringType, true)
            .add(SECOND_OPERAND, DataTypes.StringType, true)
            .add(FACTOR, DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (IndicatorDefinition d : catalogue.definitions()) {
      rows.add(
          RowFactory.create(
              d.code(),
              d.measure().code(),
              d.dataset().orElse(null),
              d.numerator().or(d::of).orElse(null),
              d.denominator().orElse(null),
              d.factor()));
    }
    // The session of an input frame, so that no function here reaches for a global one.
    return anyFrame.sparkSession().createDataFrame(rows, schema);
  }

  /** Join columns (Spark's Java API takes an array). */
  private static String[] on(String... columns) {
    return columns;
  }

  private static Dataset<Row> aggregate(
      Dataset<Row> rows, List<String> keys, List<Column> aggregates) {
    Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
    return rows.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
        .agg(aggregates.get(0), rest);
  }
}

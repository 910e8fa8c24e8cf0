package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
import vn.bhxh.pipeline.common.schema.QuarantineReasonColumns;
import vn.bhxh.pipeline.common.schema.RegionSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;
import vn.bhxh.pipeline.common.spark.ScalaCollections;

/**
 * The report tables as pure functions of their inputs: {@code indicators}, {@code ingest_log},
 * {@code quarantine} and the province dimension ({@link #PROVINCES_SCHEMA}: which provinces, with
 * which names and regions, are expected per period and boundary). No I/O, no clock: {@link
 * ReportJob} reads the inputs and writes the results.
 */
public final class ReportTransforms {

  /**
   * The province dimension: one row per period × boundary × province of the geography of that
   * boundary (the month's geography for {@code reported}, p34 for {@code current}).
   */
  public static final StructType PROVINCES_SCHEMA =
      new StructType()
          .add(ReportColumns.PERIOD, DataTypes.StringType, false)
          .add(ReportColumns.BOUNDARY, DataTypes.StringType, false)
          .add(ReportColumns.REGION_CODE, DataTypes.StringType, false)
          .add(ReportColumns.REGION_NAME, DataTypes.StringType, false)
          .add(ReportColumns.PROVINCE_CODE, DataTypes.StringType, false)
          .add(ReportColumns.PROVINCE_NAME, DataTypes.StringType, false);

  /** The completeness of a geo's key indicators, before the province counts are folded in. */
  private static final String INDICATORS_COMPLETE = "indicators_complete";

  private static final String LATEST = "latest";

  /** The scorecard ranks provinces by this column. */
  private static final String RANKED_BY = ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT;

  private ReportTransforms() {}

  /**
   * The measure columns of the report tables, in order: those of the catalogue's {@code report}
   * section. Fails when they lack the column the scorecard ranks provinces by.
   */
  public static List<Measure> measures(IndicatorCatalogue catalogue) {
    List<Measure> measures =
        catalogue.report().stream().flatMap(entry -> entry.measures().stream()).toList();
    if (measures.stream().noneMatch(m -> m.column().equals(RANKED_BY))) {
      throw new ConfigurationException(
          "indicator catalogue "
              + catalogue.source()
              + ": the report section needs "
              + ReportMeasureColumns.SI_PARTICIPANTS
              + " with attainment-pct: the province scorecard ranks by "
              + RANKED_BY);
    }
    return measures;
  }

  /**
   * The key indicators of every geo of one level, one row per period × boundary × geo: the measure
   * columns, and {@link #INDICATORS_COMPLETE}, true when every key indicator present is complete.
   */
  static Dataset<Row> keyMeasures(
      Dataset<Row> indicators, String geoLevel, List<Measure> measures) {
    List<Column> aggregates = new ArrayList<>();
    for (Measure measure : measures) {
      Column facet = facet(measure);
      // One row per period × boundary × geo × indicator: the filter leaves at most one value.
      aggregates.add(
          first(when(col(IndicatorColumns.INDICATOR).equalTo(measure.indicator()), facet), true)
              .as(measure.column()));
    }
    aggregates.add(
        min(coalesce(col(IndicatorColumns.COMPLETE), lit(false))).as(INDICATORS_COMPLETE));
    return indicators
        .where(
            col(IndicatorColumns.GEO_LEVEL)
                .equalTo(geoLevel)
                .and(
                    col(IndicatorColumns.INDICATOR)
                        .isin(measures.stream().map(Measure::indicator).distinct().toArray())))
        .groupBy(
            col(IndicatorColumns.PERIOD),
            col(IndicatorColumns.BOUNDARY),
            col(IndicatorColumns.GEO_CODE))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
  }

  private static Column facet(Measure measure) {
    Column source =
        switch (measure.facet()) {
          case VALUE -> col(IndicatorColumns.VALUE);
          case TARGET -> col(IndicatorColumns.TARGET);
          case ATTAINMENT_PCT -> col(IndicatorColumns.ATTAINMENT_PCT);
          case ON_TRACK -> col(IndicatorColumns.ON_TRACK);
          case YOY_CHANGE -> col(IndicatorColumns.YOY_CHANGE);
          case YOY_CHANGE_PCT -> col(IndicatorColumns.YOY_CHANGE_PCT);
        };
    // Counts and amounts are whole numbers held as doubles upstream: round, never truncate.
    return measure.type().equals(DataTypes.LongType)
        ? round(source).cast(DataTypes.LongType)
        : source.cast(measure.type());
  }

  /**
   * The provincial scorecard: every province of the dimension (a province without indicators keeps
   * its row, with nulls and {@code complete = false}), its key indicators, and its rank by the
   * attainment of the social-insurance participant plan within its region and the nation (1 =
   * highest, ties share a rank, no rank without an attainment).
   *
   * @param measures the measure columns ({@link #measures})
   */
  public static Dataset<Row> provinceScorecard(
      Dataset<Row> indicators, Dataset<Row> provinces, List<Measure> measures) {
    Dataset<Row> keyMeasures =
        keyMeasures(indicators, IndicatorColumns.LEVEL_PROVINCE, measures)
            .withColumnRenamed(IndicatorColumns.GEO_CODE, ReportColumns.PROVINCE_CODE);
    // Only boundaries the indicators have for the period: a boundary the transform did not compute
    // would otherwise show every province as not reported.
    Dataset<Row> boundaries =
        indicators.select(col(IndicatorColumns.PERIOD), col(IndicatorColumns.BOUNDARY)).distinct();
    Dataset<Row> joined =
        provinces
            .select(columns(PROVINCES_SCHEMA))
            .join(boundaries, seq(ReportColumns.PERIOD, ReportColumns.BOUNDARY), "left_semi")
            .join(
                keyMeasures,
                seq(ReportColumns.PERIOD, ReportColumns.BOUNDARY, ReportColumns.PROVINCE_CODE),
                "left");

    Column attainment = col(RANKED_BY);
    WindowSpec region =
        Window.partitionBy(
            ProvinceScorecardColumns.PERIOD,
            ProvinceScorecardColumns.BOUNDARY,
            ProvinceScorecardColumns.REGION_CODE);
    WindowSpec nation =
        Window.partitionBy(ProvinceScorecardColumns.PERIOD, ProvinceScorecardColumns.BOUNDARY);
    // Nulls sort last, so the ranks of provinces with an attainment are not disturbed by them.
    return joined
        .withColumn(
            ProvinceScorecardColumns.RANK_IN_REGION,
            when(attainment.isNotNull(), rank().over(region.orderBy(attainment.desc_nulls_last()))))
        .withColumn(ProvinceScorecardColumns.RANKED_IN_REGION, count(attainment).over(region))
        .withColumn(
            ProvinceScorecardColumns.RANK_IN_NATION,
            when(attainment.isNotNull(), rank().over(nation.orderBy(attainment.desc_nulls_last()))))
        .withColumn(ProvinceScorecardColumns.RANKED_IN_NATION, count(attainment).over(nation))
        .withColumn(
            ProvinceScorecardColumns.COMPLETE, coalesce(col(INDICATORS_COMPLETE), lit(false)))
        .select(columns(ProvinceScorecardColumns.tableSchema(measures)));
  }

  /**
   * The regional summary: every region of the scorecard's provinces, its own key indicators (as the
   * indicator engine computed them for the region) and how many of its provinces are complete.
   */
  public static Dataset<Row> regionSummary(
      Dataset<Row> indicators, Dataset<Row> scorecard, List<Measure> measures) {
    Dataset<Row> regions =
        provinceCounts(
            scorecard,
            ProvinceScorecardColumns.PERIOD,
            ProvinceScorecardColumns.BOUNDARY,
            ProvinceScorecardColumns.REGION_CODE,
            ProvinceScorecardColumns.REGION_NAME);
    Dataset<Row> keyMeasures =
        keyMeasures(indicators, IndicatorColumns.LEVEL_REGION, measures)
            .withColumnRenamed(IndicatorColumns.GEO_CODE, RegionSummaryColumns.REGION_CODE);
    return withCompleteness(
            regions.join(
                keyMeasures,
                seq(
                    RegionSummaryColumns.PERIOD,
                    RegionSummaryColumns.BOUNDARY,
                    RegionSummaryColumns.REGION_CODE),
                "left"))
        .select(columns(RegionSummaryColumns.tableSchema(measures)));
  }

  /** The national summary: one row per period × boundary of the scorecard. */
  public static Dataset<Row> nationSummary(
      Dataset<Row> indicators, Dataset<Row> scorecard, List<Measure> measures) {
    Dataset<Row> nation =
        provinceCounts(
            scorecard, ProvinceScorecardColumns.PERIOD, ProvinceScorecardColumns.BOUNDARY);
    Dataset<Row> keyMeasures =
        keyMeasures(indicators, IndicatorColumns.LEVEL_NATION, measures)
            .where(col(IndicatorColumns.GEO_CODE).equalTo(IndicatorColumns.NATION_CODE))
            .drop(IndicatorColumns.GEO_CODE);
    return withCompleteness(
            nation.join(
                keyMeasures,
                seq(NationSummaryColumns.PERIOD, NationSummaryColumns.BOUNDARY),
                "left"))
        .select(columns(NationSummaryColumns.tableSchema(measures)));
  }

  private static Dataset<Row> provinceCounts(Dataset<Row> scorecard, String... keys) {
    Column[] keyColumns = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keyColumns[i] = col(keys[i]);
    }
    return scorecard
        .groupBy(keyColumns)
        .agg(
            count(lit(1)).cast(DataTypes.IntegerType).as(ReportColumns.PROVINCES_EXPECTED),
            sum(when(col(ProvinceScorecardColumns.COMPLETE), 1).otherwise(0))
                .cast(DataTypes.IntegerType)
                .as(ReportColumns.PROVINCES_COMPLETE));
  }

  /**
   * A geo is complete when its own indicators say so and every one of its provinces is complete:
   * the second guards against a province the indicators never heard of.
   */
  private static Dataset<Row> withCompleteness(Dataset<Row> rows) {
    return rows.withColumn(
        ReportColumns.COMPLETE,
        coalesce(col(INDICATORS_COMPLETE), lit(false))
            .and(
                col(ReportColumns.PROVINCES_COMPLETE)
                    .equalTo(col(ReportColumns.PROVINCES_EXPECTED))));
  }

  /**
   * Files received per period × dataset × expected province, from the latest {@code ingest_log}
   * entry of each slice (a re-delivered file supersedes the earlier one). Expected provinces are
   * those of the {@code reported} boundary of the dimension: the geography in force in the month.
   */
  public static Dataset<Row> dataQuality(Dataset<Row> ingestLog, Dataset<Row> provinces) {
    return dataQuality(
        ingestLog,
        provinces,
        ingestLog.sparkSession().createDataFrame(List.of(), DataQualityChecks.SCHEMA));
  }

  /**
   * As {@link #dataQuality(Dataset, Dataset)}, with the findings of the validation checks per slice
   * ({@link DataQualityChecks#perSlice}): their counts (0 when none) and messages.
   */
  public static Dataset<Row> dataQuality(
      Dataset<Row> ingestLog, Dataset<Row> provinces, Dataset<Row> checks) {
    WindowSpec slice =
        Window.partitionBy(
                IngestLogColumns.DATASET, IngestLogColumns.PERIOD, IngestLogColumns.PROVINCE_CODE)
            .orderBy(col(IngestLogColumns.INGESTED_AT).desc(), col(IngestLogColumns.PATH).desc());
    Dataset<Row> latest =
        ingestLog
            .where(
                col(IngestLogColumns.DATASET)
                    .isin(DataQualityColumns.MONTHLY_DATASETS.toArray())
                    .and(col(IngestLogColumns.PERIOD).isNotNull())
                    .and(col(IngestLogColumns.PROVINCE_CODE).isNotNull()))
            .withColumn(LATEST, row_number().over(slice))
            .where(col(LATEST).equalTo(1))
            .select(
                col(IngestLogColumns.DATASET),
                col(IngestLogColumns.PERIOD),
                col(IngestLogColumns.PROVINCE_CODE),
                col(IngestLogColumns.STATUS),
                col(IngestLogColumns.REJECTION_REASON),
                col(IngestLogColumns.ROWS_READ),
                col(IngestLogColumns.ROWS_ACCEPTED),
                col(IngestLogColumns.ROWS_QUARANTINED),
                col(IngestLogColumns.INGESTED_AT));

    Column[] datasets =
        DataQualityColumns.MONTHLY_DATASETS.stream().map(d -> lit(d)).toArray(Column[]::new);
    Dataset<Row> expected =
        reportedProvinces(provinces)
            .withColumn(DataQualityColumns.DATASET, explode(array(datasets)));

    Column status = col(IngestLogColumns.STATUS);
    Column rowsRead = coalesce(col(IngestLogColumns.ROWS_READ), lit(0L));
    Column rowsQuarantined = coalesce(col(IngestLogColumns.ROWS_QUARANTINED), lit(0L));
    return expected
        .join(
            latest,
            seq(
                DataQualityColumns.PERIOD,
                DataQualityColumns.DATASET,
                DataQualityColumns.PROVINCE_CODE),
            "left")
        .withColumn(
            DataQualityColumns.FILE_STATUS,
            coalesce(status, lit(DataQualityColumns.STATUS_MISSING)))
        .withColumn(
            DataQualityColumns.RECEIVED,
            coalesce(status.equalTo(DataQualityColumns.STATUS_LOADED), lit(false)))
        .withColumn(DataQualityColumns.ROWS_READ, rowsRead)
        .withColumn(
            DataQualityColumns.ROWS_ACCEPTED,
            coalesce(col(IngestLogColumns.ROWS_ACCEPTED), lit(0L)))
        .withColumn(DataQualityColumns.ROWS_QUARANTINED, rowsQuarantined)
        .withColumn(
            DataQualityColumns.QUARANTINED_PCT,
            when(
                rowsRead.gt(0),
                rowsQuarantined.cast(DataTypes.DoubleType).divide(rowsRead).multiply(100)))
        .join(
            checks,
            seq(
                DataQualityColumns.PERIOD,
                DataQualityColumns.DATASET,
                DataQualityColumns.PROVINCE_CODE),
            "left")
        .withColumn(
            DataQualityColumns.CHECK_ERRORS,
            coalesce(col(DataQualityColumns.CHECK_ERRORS), lit(0L)))
        .withColumn(
            DataQualityColumns.CHECK_WARNINGS,
            coalesce(col(DataQualityColumns.CHECK_WARNINGS), lit(0L)))
        .select(columns(DataQualityColumns.TABLE_SCHEMA));
  }

  /**
   * Quarantined rows per period × dataset × province × reason code. A row with several reasons
   * counts once under each of them.
   */
  public static Dataset<Row> quarantineReasons(Dataset<Row> quarantine, Dataset<Row> provinces) {
    Dataset<Row> counts =
        quarantine
            .select(
                col(QuarantineColumns.PERIOD),
                col(QuarantineColumns.DATASET),
                col(QuarantineColumns.PROVINCE_CODE),
                explode(array_distinct(col(QuarantineColumns.REASON_CODES)))
                    .as(QuarantineReasonColumns.REASON_CODE))
            .groupBy(
                col(QuarantineReasonColumns.PERIOD),
                col(QuarantineReasonColumns.DATASET),
                col(QuarantineReasonColumns.PROVINCE_CODE),
                col(QuarantineReasonColumns.REASON_CODE))
            .agg(count(lit(1)).as(QuarantineReasonColumns.ROWS));
    Dataset<Row> names =
        reportedProvinces(provinces)
            .select(
                col(ReportColumns.PERIOD),
                col(ReportColumns.PROVINCE_CODE),
                col(ReportColumns.PROVINCE_NAME));
    return counts
        .join(
            names,
            seq(QuarantineReasonColumns.PERIOD, QuarantineReasonColumns.PROVINCE_CODE),
            "left")
        .select(columns(QuarantineReasonColumns.TABLE_SCHEMA));
  }

  private static Dataset<Row> reportedProvinces(Dataset<Row> provinces) {
    return provinces
        .where(col(ReportColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
        .drop(ReportColumns.BOUNDARY);
  }

  /** The columns of a schema, cast to its types, in its order: the contract of a result. */
  private static Column[] columns(StructType schema) {
    StructField[] fields = schema.fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = col(fields[i].name()).cast(fields[i].dataType()).as(fields[i].name());
    }
    return columns;
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return ScalaCollections.seq(List.of(names));
  }
}

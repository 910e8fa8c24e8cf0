package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code report_province_scorecard} table: one row per period × boundary × province of the
 * geography of that boundary (every expected province, reported or not), the key indicators side by
 * side ({@link ReportMeasureColumns}) with ranks of the attainment of the social-insurance
 * participant plan. Documented in {@code docs/report-tables.md}.
 */
public final class ProvinceScorecardColumns {
  public static final String TABLE = "report_province_scorecard";

  public static final String PERIOD = ReportColumns.PERIOD;
  public static final String BOUNDARY = ReportColumns.BOUNDARY;
  public static final String REGION_CODE = ReportColumns.REGION_CODE;
  public static final String REGION_NAME = ReportColumns.REGION_NAME;
  public static final String PROVINCE_CODE = ReportColumns.PROVINCE_CODE;
  public static final String PROVINCE_NAME = ReportColumns.PROVINCE_NAME;

  /**
   * Rank of {@code si_participants_attainment_pct} among the region's provinces, 1 = highest; ties
   * share a rank; null when the province has no attainment.
   */
  public static final String RANK_IN_REGION = "rank_in_region";

  /** How many provinces of the region have a rank (the "of N" of the rank). */
  public static final String RANKED_IN_REGION = "ranked_in_region";

  /** Rank of {@code si_participants_attainment_pct} among all provinces, 1 = highest. */
  public static final String RANK_IN_NATION = "rank_in_nation";

  /** How many provinces of the nation have a rank. */
  public static final String RANKED_IN_NATION = "ranked_in_nation";

  public static final String COMPLETE = ReportColumns.COMPLETE;

  private ProvinceScorecardColumns() {}

  /** The table's schema with the measure columns of the catalogue's {@code report} section. */
  public static StructType tableSchema(List<ReportMeasureColumns.Measure> measures) {
    return ReportColumns.keyIndicatorSchema(
        new StructType()
            .add(REGION_CODE, StringType, false)
            .add(REGION_NAME, StringType, false)
            .add(PROVINCE_CODE, StringType, false)
            .add(PROVINCE_NAME, StringType, false),
        measures,
        new StructType()
            .add(RANK_IN_REGION, IntegerType, true)
            .add(RANKED_IN_REGION, IntegerType, false)
            .add(RANK_IN_NATION, IntegerType, true)
            .add(RANKED_IN_NATION, IntegerType, false));
  }
}

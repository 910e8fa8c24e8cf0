package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * Record-level data behind published figures of Phú Yên (p63 code 54) for 2023-10: 59,589
 * compulsory and 12,834 voluntary social-insurance participants, 52,612 unemployment-insurance and
 * 804,919 health-insurance participants; population 877,774, working-age population 442,413; a 2023
 * plan of 82,299 SI participants. The published indicators are 72,423 SI participants, 88.00 % of
 * plan, 16.37 % of the working-age population, 91.70 % health-insurance coverage.
 *
 * <p>This writes the silver tables directly; once ingest is merged the source can be landing files
 * run through ingest, with the same figures.
 */
final class PublishedFiguresFixture {
  static final String PERIOD = "2023-10";
  static final String PROVINCE = "54";
  static final long COMPULSORY = 59_589;
  static final long VOLUNTARY = 12_834;
  static final long UNEMPLOYMENT = 52_612;
  static final long HEALTH = 804_919;
  static final long POPULATION = 877_774;
  static final long WORKING_AGE = 442_413;
  static final double SI_TARGET = 82_299;

  private PublishedFiguresFixture() {}

  /** Writes participation, population and targets for the published month. */
  static void write(SparkSession spark, TableCatalog catalog) {
    // Person keys: compulsory 1..59,589, voluntary the next 12,834 (nobody is both), UI a subset
    // of the compulsory, HI 1..804,919 (most SI participants also hold HI).
    Dataset<Row> participation =
        scheme(spark, 1, COMPULSORY, "SI_COMPULSORY")
            .unionByName(scheme(spark, COMPULSORY + 1, VOLUNTARY, "SI_VOLUNTARY"))
            .unionByName(scheme(spark, 1, UNEMPLOYMENT, "UI"))
            .unionByName(scheme(spark, 1, HEALTH, "HI"));
    catalog.replaceWhere(
        participation,
        ParticipationColumns.DATASET,
        ParticipationColumns.PERIOD + " = '" + PERIOD + "'",
        ParticipationColumns.PERIOD);
    catalog.overwrite(
        spark.createDataFrame(
            List.of(RowFactory.create(2023, PROVINCE, POPULATION, WORKING_AGE, "fixture")),
            PopulationColumns.TABLE_SCHEMA),
        PopulationColumns.TABLE);
    catalog.overwrite(
        spark.createDataFrame(
            List.of(RowFactory.create(2023, PROVINCE, "si_participants", SI_TARGET, "fixture")),
            TargetsColumns.TABLE_SCHEMA),
        TargetsColumns.TABLE);
  }

  private static Dataset<Row> scheme(SparkSession spark, long firstKey, long count, String name) {
    Column nothing = lit(null).cast(DataTypes.StringType);
    return spark
        .range(firstKey, firstKey + count, 1, 2)
        .select(
            lit(PERIOD).as(ParticipationColumns.PERIOD),
            lit(PROVINCE).as(ParticipationColumns.PROVINCE_CODE),
            nothing.as(ParticipationColumns.DISTRICT_CODE),
            col("id").as(ParticipationColumns.PERSON_KEY),
            lit(name).as(ParticipationColumns.SCHEME),
            (name.equals("HI") ? lit("OTHER") : nothing).as(ParticipationColumns.HI_GROUP),
            nothing.as(ParticipationColumns.EMPLOYER_ID),
            nothing.as(ParticipationColumns.GENDER),
            lit(null).cast(DataTypes.IntegerType).as(ParticipationColumns.BIRTH_YEAR),
            lit("participation/" + PERIOD + "/" + PROVINCE + ".csv").as(CommonColumns.SOURCE_FILE),
            lit("fixture").as(CommonColumns.RUN_ID));
  }
}

package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.indicators.Completeness.Coverage;
import vn.bhxh.pipeline.common.indicators.Completeness.Slice;
import vn.bhxh.pipeline.common.indicators.Territories.Link;
import vn.bhxh.pipeline.common.time.Period;

/**
 * {@link Completeness#coverage} on the driver, without Spark: a made-up geography of three p63
 * provinces (A and B in region 10, C in region 20, all three in the nation 1) and one p34 province
 * (D, in the nation), with the expected counts worked out by hand.
 */
class CoverageTest {
  private static final StructType DELIVERED =
      new StructType()
          .add(Columns.DATASET, DataTypes.StringType)
          .add(Columns.PERIOD, DataTypes.StringType)
          .add(Territories.SOURCE_VERSION, DataTypes.StringType)
          .add("province_code", DataTypes.StringType);

  private static final Period OCTOBER = Period.parse("2024-10");

  private static final Territories TERRITORIES =
      new Territories(
          Period.parse("2025-07"),
          List.of(),
          List.of(
              new Link(GeographyVersion.P63, "A", 101),
              new Link(GeographyVersion.P63, "A", 10),
              new Link(GeographyVersion.P63, "A", 1),
              new Link(GeographyVersion.P63, "B", 102),
              new Link(GeographyVersion.P63, "B", 10),
              new Link(GeographyVersion.P63, "B", 1),
              new Link(GeographyVersion.P63, "C", 103),
              new Link(GeographyVersion.P63, "C", 20),
              new Link(GeographyVersion.P63, "C", 1),
              new Link(GeographyVersion.P34, "D", 201),
              new Link(GeographyVersion.P34, "D", 1)));

  private static Row delivered(String dataset, String period, String version, String province) {
    return new GenericRowWithSchema(new Object[] {dataset, period, version, province}, DELIVERED);
  }

  @Test
  void eachTerritoryCountsItsDistinctDeliveringProvincesAgainstAllOfItsOwn() {
    List<Row> delivered =
        List.of(
            delivered("participation", "2024-10", "p63", "A"),
            delivered("participation", "2024-10", "p63", "A"), // twice: counts once
            delivered("participation", "2024-10", "p63", "C"),
            delivered("participation", "2024-10", "p63", null), // no province: reaches nothing
            delivered("benefits", "2024-10", "p63", "B"), // another dataset
            delivered("participation", "2024-09", "p63", "B")); // another month

    List<Coverage> coverage =
        Completeness.coverage(
            delivered,
            List.of(new Slice("participation", OCTOBER, GeographyVersion.P63)),
            TERRITORIES);

    // p63 territories only (D's province 201 is p34): A and C delivered, B did not.
    assertThat(coverage)
        .containsExactlyInAnyOrder(
            new Coverage("participation", OCTOBER, 101, 1, true),
            new Coverage("participation", OCTOBER, 102, 0, false),
            new Coverage("participation", OCTOBER, 103, 1, true),
            new Coverage("participation", OCTOBER, 10, 1, false),
            new Coverage("participation", OCTOBER, 20, 1, true),
            new Coverage("participation", OCTOBER, 1, 2, false));
  }

  @Test
  void aSliceWithoutDeliveriesHasEveryTerritoryOfItsVersionAtZero() {
    List<Coverage> coverage =
        Completeness.coverage(
            List.of(), List.of(new Slice("benefits", OCTOBER, GeographyVersion.P34)), TERRITORIES);

    assertThat(coverage)
        .containsExactlyInAnyOrder(
            new Coverage("benefits", OCTOBER, 201, 0, false),
            new Coverage("benefits", OCTOBER, 1, 0, false));
  }
}

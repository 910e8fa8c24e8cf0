package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.geo.Region;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Every territory an indicator is computed for, with a fixed-width integer id: the nation, the
 * provinces and regions of p63, and those of p34. A source province (a province code in the
 * geography its data was delivered in) contributes to the territories listed by {@link #links}: its
 * own province and region, its p34 successor and that successor's region, and the nation. So one
 * pass over a dataset feeds every level in both boundaries: a p63 month's rows reach the p63
 * territories (its {@code reported} boundary) and the p34 ones (its {@code current} boundary).
 */
public final class Territories implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Internal column: the territory id. */
  public static final String TERRITORY_ID = "territory_id";

  /** Internal column: geography version of the data a row came from ({@code p63}, {@code p34}). */
  public static final String SOURCE_VERSION = "source_version";

  /** Internal column: geography version of a territory (null for the nation). */
  public static final String TERRITORY_VERSION = "territory_version";

  /** Id of the nation. */
  public static final int NATION_ID = 0;

  private static final String NATION_NAME = "Việt Nam";

  /**
   * A territory.
   *
   * @param version its geography version; empty for the nation (the same in both)
   */
  public record Territory(
      int id, Optional<GeographyVersion> version, String level, String code, String name)
      implements Serializable {}

  /** A source province contributes to a territory. */
  public record Link(GeographyVersion sourceVersion, String provinceCode, int territoryId)
      implements Serializable {}

  private final Period p34From;
  private final List<Territory> territories;
  private final List<Link> links;
  private final Map<String, Integer> ids;
  private final Map<String, List<Integer>> reached = new HashMap<>();
  private final Map<GeographyVersion, Map<Integer, Integer>> provinceCounts =
      new EnumMap<>(GeographyVersion.class);

  /** Use {@link #of}; the tests give made-up links. */
  Territories(Period p34From, List<Territory> territories, List<Link> links) {
    this.p34From = p34From;
    this.territories = List.copyOf(territories);
    this.links = List.copyOf(links);
    Map<String, Integer> map = new LinkedHashMap<>();
    for (Territory t : territories) {
      map.put(key(t.version().orElse(null), t.level(), t.code()), t.id());
    }
    this.ids = map;
    for (Link link : links) {
      reached
          .computeIfAbsent(
              sourceKey(link.sourceVersion(), link.provinceCode()), k -> new ArrayList<>())
          .add(link.territoryId());
      provinceCounts
          .computeIfAbsent(link.sourceVersion(), v -> new LinkedHashMap<>())
          .merge(link.territoryId(), 1, Integer::sum);
    }
  }

  /** The territories of a geography. */
  public static Territories of(Geography geography) {
    List<Territory> territories = new ArrayList<>();
    territories.add(
        new Territory(
            NATION_ID,
            Optional.empty(),
            IndicatorColumns.LEVEL_NATION,
            IndicatorColumns.NATION_CODE,
            NATION_NAME));
    Map<String, Integer> ids = new LinkedHashMap<>();
    int base = 1000;
    for (GeographyVersion version : GeographyVersion.values()) {
      // ids: 1000 + province code (p63), 1100 + region index; 2000…, 2100… for p34
      for (Province p : geography.provinces(version)) {
        int id = base + Integer.parseInt(p.code());
        territories.add(
            new Territory(
                id, Optional.of(version), IndicatorColumns.LEVEL_PROVINCE, p.code(), p.nameVi()));
        ids.put(key(version, IndicatorColumns.LEVEL_PROVINCE, p.code()), id);
      }
      List<Region> regions = geography.regions(version);
      for (int i = 0; i < regions.size(); i++) {
        Region r = regions.get(i);
        int id = base + 100 + i;
        territories.add(
            new Territory(
                id, Optional.of(version), IndicatorColumns.LEVEL_REGION, r.code(), r.nameVi()));
        ids.put(key(version, IndicatorColumns.LEVEL_REGION, r.code()), id);
      }
      base += 1000;
    }
    List<Link> links = new ArrayList<>();
    for (Province p : geography.allProvinces()) {
      List<Integer> targets = new ArrayList<>();
      targets.add(ids.get(key(p.version(), IndicatorColumns.LEVEL_PROVINCE, p.code())));
      targets.add(ids.get(key(p.version(), IndicatorColumns.LEVEL_REGION, p.regionCode())));
      if (p.version() == GeographyVersion.P63) {
        Province successor =
            geography.province(GeographyVersion.P34, p.successorCode()).orElseThrow();
        targets.add(
            ids.get(key(GeographyVersion.P34, IndicatorColumns.LEVEL_PROVINCE, successor.code())));
        targets.add(
            ids.get(
                key(GeographyVersion.P34, IndicatorColumns.LEVEL_REGION, successor.regionCode())));
      }
      targets.add(NATION_ID);
      for (int target : targets) {
        links.add(new Link(p.version(), p.code(), target));
      }
    }
    return new Territories(geography.p34From(), territories, links);
  }

  /** Every territory: the nation, then p63 provinces and regions, then p34. */
  public List<Territory> territories() {
    return territories;
  }

  /** Which territories each source province contributes to. */
  public List<Link> links() {
    return links;
  }

  /** The territories a source province contributes to; empty for a code its geography lacks. */
  public List<Integer> reachedBy(GeographyVersion version, String provinceCode) {
    return reached.getOrDefault(sourceKey(version, provinceCode), List.of());
  }

  /**
   * Every territory the source provinces of a version contribute to, with how many of them do: a
   * territory is complete, or has a derived target, when that many of its provinces have one.
   */
  public Map<Integer, Integer> provincesPerTerritory(GeographyVersion version) {
    return Collections.unmodifiableMap(provinceCounts.getOrDefault(version, Map.of()));
  }

  /** First month of the p34 geography. */
  public Period p34From() {
    return p34From;
  }

  /** Id of a province or region of a version, or of the nation (version ignored). */
  public int id(GeographyVersion version, String level, String code) {
    Integer id =
        IndicatorColumns.LEVEL_NATION.equals(level)
            ? Integer.valueOf(NATION_ID)
            : ids.get(key(version, level, code));
    if (id == null) {
      throw new IllegalArgumentException("no " + level + " " + code + " in " + version);
    }
    return id;
  }

  /** The geography version in force in a month. */
  public GeographyVersion versionOf(Period period) {
    return period.isBefore(p34From) ? GeographyVersion.P63 : GeographyVersion.P34;
  }

  /** The version ({@code p63}/{@code p34}) in force in a {@code YYYY-MM} period column. */
  public Column versionOf(Column period) {
    return when(period.lt(lit(p34From.toString())), lit(GeographyVersion.P63.code()))
        .otherwise(lit(GeographyVersion.P34.code()));
  }

  /**
   * {@link #versionOf(Column)}, looked up for the months given (no comparison of every row's period
   * on a pass over millions of rows); compared for any other month.
   */
  public Column versionOf(Column period, Collection<Period> months) {
    Column version = null;
    for (Period month : months) {
      Column is = period.equalTo(lit(month.toString()));
      Column code = lit(versionOf(month).code());
      version = version == null ? when(is, code) : version.when(is, code);
    }
    return version == null ? versionOf(period) : version.otherwise(versionOf(period));
  }

  /**
   * The geography version of population and targets rows, from their {@code year} column: that of 1
   * January of their year.
   */
  public Column versionOfYear(Column year) {
    return versionOf(format_string("%04d-01", year));
  }

  /**
   * Frame of {@link #territories()}: territory_id, territory_version, geo_level, geo_code,
   * geo_name.
   */
  public Dataset<Row> territoriesFrame(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(TERRITORY_ID, DataTypes.IntegerType, false)
            .add(TERRITORY_VERSION, DataTypes.StringType, true)
            .add(IndicatorColumns.GEO_LEVEL, DataTypes.StringType, false)
            .add(IndicatorColumns.GEO_CODE, DataTypes.StringType, false)
            .add(IndicatorColumns.GEO_NAME, DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    for (Territory t : territories) {
      rows.add(
          RowFactory.create(
              t.id(),
              t.version().map(GeographyVersion::code).orElse(null),
              t.level(),
              t.code(),
              t.name()));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Frame of {@link #links()}: source_version, province_code, territory_id. */
  public Dataset<Row> linksFrame(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(SOURCE_VERSION, DataTypes.StringType, false)
            .add(CommonColumns.PROVINCE_CODE, DataTypes.StringType, false)
            .add(TERRITORY_ID, DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (Link l : links) {
      rows.add(RowFactory.create(l.sourceVersion().code(), l.provinceCode(), l.territoryId()));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static String sourceKey(GeographyVersion version, String provinceCode) {
    return version.code() + "/" + provinceCode;
  }

  private static String key(GeographyVersion version, String level, String code) {
    return (version == null ? "-" : version.code()) + "/" + level + "/" + code;
  }
}

package vn.bhxh.pipeline.common.quality;

import static vn.bhxh.pipeline.common.schema.TargetsColumns.GEO_CODE;
import static vn.bhxh.pipeline.common.schema.TargetsColumns.INDICATOR;
import static vn.bhxh.pipeline.common.schema.TargetsColumns.TARGET;
import static vn.bhxh.pipeline.common.schema.TargetsColumns.YEAR;

import java.util.List;
import java.util.Set;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The {@code reference/targets.csv} rules: every column required; a year as for population; a
 * geo_code that is a province or region of the geography in force on 1 January of the year, or
 * {@code VN}; an indicator of the catalogue; a finite target ≥ 0; one row per year, geo and
 * indicator. Accepted values follow {@link TargetsColumns#TABLE_SCHEMA}.
 */
public final class TargetsValidator extends RowValidator {
  private final Geography geography;
  private final Set<String> indicators;
  private final int year = index(YEAR);
  private final int geo = index(GEO_CODE);
  private final int indicator = index(INDICATOR);
  private final int target = index(TARGET);

  /**
   * @param indicators the indicator codes targets may be given for
   */
  public TargetsValidator(Geography geography, Set<String> indicators) {
    super(TargetsColumns.LANDING_COLUMNS, id -> 0L);
    this.geography = geography;
    this.indicators = Set.copyOf(indicators);
  }

  @Override
  public List<String> requiredColumns() {
    return TargetsColumns.LANDING_COLUMNS;
  }

  @Override
  protected Object[] check(String[] v, Issues issues) {
    Integer yearValue = PopulationValidator.year(v[year], issues);
    String geoCode = required(v[geo], GEO_CODE, issues);
    if (geoCode != null && yearValue != null && !knownGeo(geoCode, Period.of(yearValue, 1))) {
      issues.add(ReasonCode.UNKNOWN_GEO_CODE, GEO_CODE);
    }
    String code = required(v[indicator], INDICATOR, issues);
    if (code != null && !indicators.contains(code)) {
      issues.add(ReasonCode.UNKNOWN_INDICATOR, INDICATOR);
    }
    Double targetValue = number(required(v[target], TARGET, issues), issues);
    if (!issues.isEmpty()) {
      return null;
    }
    return new Object[] {yearValue, geoCode, code, targetValue};
  }

  private boolean knownGeo(String code, Period januaryFirst) {
    GeographyVersion version = geography.versionOf(januaryFirst);
    return IndicatorColumns.NATION_CODE.equals(code)
        || geography.province(version, code).isPresent()
        || geography.region(version, code).isPresent();
  }

  private static Double number(String value, Issues issues) {
    if (value == null) {
      return null;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      issues.add(ReasonCode.NOT_A_NUMBER, TARGET);
      return null;
    }
    if (Double.isNaN(parsed) || Double.isInfinite(parsed) || value.matches(".*[a-zA-Z].*")) {
      issues.add(ReasonCode.NOT_A_NUMBER, TARGET);
      return null;
    }
    if (parsed < 0) {
      issues.add(ReasonCode.NEGATIVE_AMOUNT, TARGET);
      return null;
    }
    return parsed;
  }

  @Override
  protected String duplicateKey(String[] v) {
    if (v[year] == null || v[geo] == null || v[indicator] == null) {
      return null;
    }
    return v[year] + '|' + v[geo] + '|' + v[indicator];
  }

  @Override
  protected ReasonCode duplicateReason() {
    return ReasonCode.DUPLICATE_KEY;
  }

  @Override
  protected boolean isIdentifier(int index, String[] values) {
    return false;
  }

  @Override
  protected boolean holdsPersonData() {
    return false;
  }
}

package vn.bhxh.pipeline.jobs.report;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/** Builds one row of {@code indicators} for tests; unset columns are null. */
final class IndicatorRow {
  private final String period;
  private final String boundary;
  private final String level;
  private final String code;
  private final String indicator;
  private Double value;
  private Double target;
  private Double attainmentPct;
  private Boolean onTrack;
  private Double yoyChange;
  private Double yoyChangePct;
  private boolean complete = true;

  private IndicatorRow(
      String period, String boundary, String level, String code, String indicator) {
    this.period = period;
    this.boundary = boundary;
    this.level = level;
    this.code = code;
    this.indicator = indicator;
  }

  static IndicatorRow reported(String period, String level, String code, String indicator) {
    return new IndicatorRow(period, IndicatorColumns.BOUNDARY_REPORTED, level, code, indicator);
  }

  static IndicatorRow current(String period, String level, String code, String indicator) {
    return new IndicatorRow(period, IndicatorColumns.BOUNDARY_CURRENT, level, code, indicator);
  }

  IndicatorRow value(double newValue) {
    value = newValue;
    return this;
  }

  IndicatorRow target(double newTarget) {
    target = newTarget;
    return this;
  }

  IndicatorRow attainment(double newAttainmentPct) {
    attainmentPct = newAttainmentPct;
    return this;
  }

  IndicatorRow onTrack(boolean newOnTrack) {
    onTrack = newOnTrack;
    return this;
  }

  IndicatorRow yoyChange(double change) {
    yoyChange = change;
    return this;
  }

  IndicatorRow yoyChangePct(double changePct) {
    yoyChangePct = changePct;
    return this;
  }

  IndicatorRow incomplete() {
    complete = false;
    return this;
  }

  Row row() {
    return RowFactory.create(
        period,
        boundary,
        level,
        code,
        "name of " + code,
        indicator,
        value,
        null,
        null,
        target,
        attainmentPct,
        null,
        onTrack,
        null,
        yoyChange,
        yoyChangePct,
        complete);
  }
}

package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Facet;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;

/** The catalogue's {@code report} section: which indicators the report tables show, and how. */
class ReportSectionTest {
  private static final String PARTICIPANTS =
      "{ code = hi_participants, name-en = a, name-vi = b, dataset = participation,"
          + " measure = distinct, column = person_key, filter = \"scheme = 'HI'\","
          + " nature = stock, unit = persons, higher-is-better = true }";
  private static final String POPULATION =
      "{ code = population, name-en = a, name-vi = b, dataset = population, measure = sum,"
          + " column = population, nature = stock, unit = persons, higher-is-better = true }";
  private static final String COVERAGE =
      "{ code = hi_coverage_pct, name-en = a, name-vi = b, measure = ratio,"
          + " numerator = hi_participants, denominator = population, factor = 100,"
          + " nature = stock, unit = percent, higher-is-better = true }";

  private static IndicatorCatalogue parse(String... report) {
    return IndicatorCatalogue.fromConfig(
        "test.conf",
        ConfigFactory.parseString(
            "indicators = ["
                + String.join("\n", PARTICIPANTS, POPULATION, COVERAGE)
                + "]\nreport = ["
                + String.join("\n", report)
                + "]"));
  }

  private static List<Measure> measures(IndicatorCatalogue catalogue) {
    return catalogue.report().stream().flatMap(entry -> entry.measures().stream()).toList();
  }

  private static Measure column(String name, String indicator, Facet facet, DataType type) {
    return new Measure(name, indicator, facet, type);
  }

  @Test
  void theShippedCatalogueGivesTheReportTablesTheirColumnsInTheirOrder() {
    IndicatorCatalogue catalogue =
        IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
    DataType bigint = DataTypes.LongType;
    DataType dbl = DataTypes.DoubleType;
    // The measure columns of report_province_scorecard, report_region_summary and
    // report_nation_summary as they were written before the catalogue said so: same names, types
    // and positions (docs/report-tables.md).
    assertThat(measures(catalogue))
        .containsExactly(
            column("si_participants", "si_participants", Facet.VALUE, bigint),
            column("si_participants_target", "si_participants", Facet.TARGET, bigint),
            column("si_participants_attainment_pct", "si_participants", Facet.ATTAINMENT_PCT, dbl),
            column("si_participants_yoy_change_pct", "si_participants", Facet.YOY_CHANGE_PCT, dbl),
            column("si_voluntary_participants", "si_voluntary_participants", Facet.VALUE, bigint),
            column("si_coverage_pct", "si_coverage_pct", Facet.VALUE, dbl),
            column("si_coverage_pct_yoy_change", "si_coverage_pct", Facet.YOY_CHANGE, dbl),
            column("hi_participants", "hi_participants", Facet.VALUE, bigint),
            column("hi_participants_yoy_change_pct", "hi_participants", Facet.YOY_CHANGE_PCT, dbl),
            column("hi_coverage_pct", "hi_coverage_pct", Facet.VALUE, dbl),
            column("hi_coverage_pct_target", "hi_coverage_pct", Facet.TARGET, dbl),
            column("hi_coverage_pct_yoy_change", "hi_coverage_pct", Facet.YOY_CHANGE, dbl),
            column("ui_participants", "ui_participants", Facet.VALUE, bigint),
            column("ui_participants_yoy_change_pct", "ui_participants", Facet.YOY_CHANGE_PCT, dbl),
            column("ui_coverage_pct", "ui_coverage_pct", Facet.VALUE, dbl),
            column("collected_vnd_ytd", "collected_vnd_ytd", Facet.VALUE, bigint),
            column("collected_vnd_ytd_target", "collected_vnd_ytd", Facet.TARGET, bigint),
            column(
                "collected_vnd_ytd_attainment_pct", "collected_vnd_ytd", Facet.ATTAINMENT_PCT, dbl),
            column(
                "collected_vnd_ytd_on_track",
                "collected_vnd_ytd",
                Facet.ON_TRACK,
                DataTypes.BooleanType),
            column("collection_rate_pct", "collection_rate_pct", Facet.VALUE, dbl),
            column("arrears_vnd", "arrears_vnd", Facet.VALUE, bigint),
            column("arrears_vnd_yoy_change_pct", "arrears_vnd", Facet.YOY_CHANGE_PCT, dbl),
            column("e_transaction_share_pct", "e_transaction_share_pct", Facet.VALUE, dbl),
            column("si_benefit_recipients", "si_benefit_recipients", Facet.VALUE, bigint),
            column(
                "si_benefit_recipients_yoy_change_pct",
                "si_benefit_recipients",
                Facet.YOY_CHANGE_PCT,
                dbl),
            column("hi_cost_vnd_ytd", "hi_cost_vnd_ytd", Facet.VALUE, bigint),
            column("hi_cost_vnd_ytd_yoy_change_pct", "hi_cost_vnd_ytd", Facet.YOY_CHANGE_PCT, dbl),
            column("insured_persons", "insured_persons", Facet.VALUE, bigint),
            column("insured_persons_target", "insured_persons", Facet.TARGET, bigint),
            column("insured_persons_attainment_pct", "insured_persons", Facet.ATTAINMENT_PCT, dbl),
            column("insured_coverage_pct", "insured_coverage_pct", Facet.VALUE, dbl),
            column("si_benefit_recipients_ytd", "si_benefit_recipients_ytd", Facet.VALUE, bigint),
            column(
                "si_benefit_recipients_ytd_yoy_change_pct",
                "si_benefit_recipients_ytd",
                Facet.YOY_CHANGE_PCT,
                dbl),
            column("hi_treated_persons_ytd", "hi_treated_persons_ytd", Facet.VALUE, bigint),
            column(
                "hi_treated_persons_ytd_yoy_change_pct",
                "hi_treated_persons_ytd",
                Facet.YOY_CHANGE_PCT,
                dbl));
    // Shown in the report tables only, not in the bulletin.
    assertThat(catalogue.report())
        .filteredOn(entry -> !entry.inBulletin())
        .extracting(ReportIndicator::code)
        .containsExactly("si_benefit_recipients", "hi_cost_vnd_ytd");
  }

  @Test
  void columnsAreNamedAfterTheIndicatorAndTypedByWhatItCounts() {
    IndicatorCatalogue catalogue =
        parse(
            "{ indicator = hi_coverage_pct, columns = [value, target, yoy-change] }",
            "{ indicator = hi_participants, columns = [value, yoy-change, yoy-change-pct] }");
    assertThat(measures(catalogue))
        .containsExactly(
            column("hi_coverage_pct", "hi_coverage_pct", Facet.VALUE, DataTypes.DoubleType),
            column("hi_coverage_pct_target", "hi_coverage_pct", Facet.TARGET, DataTypes.DoubleType),
            column(
                "hi_coverage_pct_yoy_change",
                "hi_coverage_pct",
                Facet.YOY_CHANGE,
                DataTypes.DoubleType),
            column("hi_participants", "hi_participants", Facet.VALUE, DataTypes.LongType),
            column(
                "hi_participants_yoy_change",
                "hi_participants",
                Facet.YOY_CHANGE,
                DataTypes.LongType),
            column(
                "hi_participants_yoy_change_pct",
                "hi_participants",
                Facet.YOY_CHANGE_PCT,
                DataTypes.DoubleType));
    assertThat(catalogue.report()).allMatch(ReportIndicator::inBulletin);
    assertThat(catalogue.report().get(0).definition().unit()).isEqualTo("percent");
  }

  @Test
  void aCatalogueWithoutAReportSectionHasNoReportColumns() {
    IndicatorCatalogue catalogue =
        IndicatorCatalogue.fromConfig(
            "test.conf", ConfigFactory.parseString("indicators = [" + PARTICIPANTS + "]"));
    assertThat(catalogue.report()).isEmpty();
  }

  @Test
  void mistakesAreOneLineErrorsNamingTheEntry() {
    assertThatThrownBy(() -> parse("{ indicator = hi_members, columns = [value] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "indicator catalogue test.conf: report[0]: indicator hi_members is not in the"
                + " catalogue");
    assertThatThrownBy(
            () -> parse("{ indicator = hi_participants, columns = [value, attainment] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("report[0]: unknown column 'attainment'")
        .hasMessageContaining("attainment-pct");
    assertThatThrownBy(() -> parse("{ indicator = hi_participants, columns = [] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("report[0]: columns is empty");
    assertThatThrownBy(() -> parse("{ indicator = hi_participants, columns = [value, value] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("column value appears twice");
    assertThatThrownBy(
            () ->
                parse(
                    "{ indicator = hi_participants, columns = [value] }",
                    "{ indicator = hi_participants, columns = [target] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("report[1]: indicator hi_participants appears twice");
    assertThatThrownBy(() -> parse("{ indicator = hi_participants, colums = [value] }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown key(s) [colums]");
    assertThatThrownBy(
            () -> parse("{ indicator = hi_participants, columns = [value], bulletin = maybe }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("report[0]")
        .hasMessageNotContaining("\n");
  }
}

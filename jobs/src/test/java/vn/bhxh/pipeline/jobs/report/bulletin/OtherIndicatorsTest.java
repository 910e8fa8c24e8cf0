package vn.bhxh.pipeline.jobs.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.ReportIndicator;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Nation;

/**
 * The bulletin's lines for the indicators it has no paragraphs of its own for: written from the
 * catalogue's names and units, so that an indicator added by configuration alone is in the
 * bulletin.
 */
class OtherIndicatorsTest {
  private static final String CATALOGUE =
      """
      indicators = [
        { code = si_participants, name-en = "Social insurance participants", name-vi = b
          dataset = participation, measure = distinct, column = person_key
          filter = "scheme IN ('SI_COMPULSORY', 'SI_VOLUNTARY')"
          nature = stock, unit = persons, higher-is-better = true }
        { code = hi_household_participants, name-en = "Health insurance participants in households"
          name-vi = b, dataset = participation, measure = distinct, column = person_key
          filter = "scheme = 'HI' AND hi_group = 'HOUSEHOLD'"
          nature = stock, unit = persons, higher-is-better = true }
        { code = population, name-en = Population, name-vi = b, dataset = population
          measure = sum, column = population, nature = stock, unit = persons
          higher-is-better = true }
        { code = hi_household_share_pct, name-en = "Share of the population insured as households"
          name-vi = b, measure = ratio, numerator = hi_household_participants
          denominator = population, factor = 100, nature = stock, unit = percent
          higher-is-better = true }
        { code = hi_cost_vnd, name-en = "Health insurance medical costs", name-vi = b
          dataset = benefits, measure = sum, column = amount_vnd
          nature = flow, unit = vnd, higher-is-better = false }
      ]
      report = [
        { indicator = si_participants, columns = [value, target, attainment-pct] }
        { indicator = hi_household_participants
          columns = [value, target, attainment-pct, yoy-change-pct] }
        { indicator = hi_household_share_pct, columns = [value, yoy-change] }
        { indicator = hi_cost_vnd, columns = [value, yoy-change], bulletin = false }
        { indicator = population, columns = [value, yoy-change] }
      ]
      """;

  private static List<ReportIndicator> report() {
    return IndicatorCatalogue.fromConfig("test.conf", ConfigFactory.parseString(CATALOGUE))
        .report();
  }

  private static ReportIndicator entry(String code) {
    return report().stream().filter(e -> e.code().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void listsTheIndicatorsShownInTheBulletinThatHaveNoParagraphsOfTheirOwn() {
    // si_participants has its paragraphs; hi_cost_vnd is for the report tables only.
    assertThat(OtherIndicators.of(report()))
        .extracting(ReportIndicator::code)
        .containsExactly("hi_household_participants", "hi_household_share_pct", "population");
  }

  @Test
  void theShippedCatalogueHasNoOtherIndicatorsSoTheBulletinIsAsBefore() {
    IndicatorCatalogue shipped =
        IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
    assertThat(Bulletin.otherIndicators(shipped.report())).isEmpty();
  }

  @Test
  void aLineSaysTheFiguresInTheIndicatorsUnit() {
    KeyFigures figures =
        KeyFigureValues.of(
            "hi_household_participants",
            3L,
            "hi_household_participants_target",
            4L,
            "hi_household_participants_attainment_pct",
            75.0,
            "hi_household_participants_yoy_change_pct",
            50.0,
            "hi_household_share_pct",
            1.23456,
            "hi_household_share_pct_yoy_change",
            -0.5,
            "population",
            1L,
            "population_yoy_change",
            -2_500L);

    assertThat(OtherIndicators.line(entry("hi_household_participants"), figures))
        .isEqualTo("3 persons, plan 4 persons, 75.0% of the annual plan (+50.0% year on year).");
    assertThat(OtherIndicators.line(entry("hi_household_share_pct"), figures))
        .isEqualTo("1.23% (-0.50 percentage points year on year).");
    assertThat(OtherIndicators.line(entry("population"), figures))
        .isEqualTo("1 person (-2,500 persons year on year).");
    assertThat(
            OtherIndicators.line(
                entry("hi_cost_vnd"),
                KeyFigureValues.of(
                    "hi_cost_vnd", 12_345_600_000_000L, "hi_cost_vnd_yoy_change", -2_000_000_000L)))
        .isEqualTo("VND 12,345.6 billion (-VND 2.0 billion year on year).");
  }

  @Test
  void aMissingFigureIsLeftOutAndAMissingValueSaidSo() {
    KeyFigures figures = KeyFigureValues.of("hi_household_participants_target", 4L);
    assertThat(OtherIndicators.line(entry("hi_household_participants"), figures))
        .isEqualTo("no figure this month, plan 4 persons.");
  }

  @Test
  void theBulletinListsThemAfterTheNationalFiguresAndBeforeTheRegions() {
    KeyFigures nation =
        KeyFigureValues.of(
            "si_participants", 1_200L,
            "hi_household_participants", 3L,
            "hi_household_participants_target", 4L,
            "hi_household_participants_attainment_pct", 75.0);
    List<ReportIndicator> others = OtherIndicators.of(report()).subList(0, 1);
    BulletinData data =
        new BulletinData(
            Period.of(2023, 10),
            "reported",
            new Nation(1, 1, nation, true),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            others);

    String text = DocumentWriter.markdown(Bulletin.compose(data, 1));

    String line =
        "Health insurance participants in households:** 3 persons, plan 4 persons, 75.0% of the"
            + " annual plan.";
    assertThat(text).contains("## Other indicators").contains(line);
    assertThat(text.indexOf("1,200 social-insurance participants"))
        .isLessThan(text.indexOf("## Other indicators"));
    assertThat(text.indexOf("## Other indicators")).isLessThan(text.indexOf("## Regions"));
    // Without other indicators, no such section.
    String without =
        DocumentWriter.markdown(
            Bulletin.compose(
                new BulletinData(
                    data.period(),
                    data.boundary(),
                    data.nation(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()),
                1));
    assertThat(without).doesNotContain("Other indicators").doesNotContain("households");
  }

  @Test
  void anIndicatorWithParagraphsOfItsOwnCannotBeLeftOut() {
    List<ReportIndicator> report =
        IndicatorCatalogue.fromConfig(
                "test.conf",
                ConfigFactory.parseString(
                    CATALOGUE.replace(
                        "columns = [value, target, attainment-pct] }",
                        "columns = [value, target, attainment-pct], bulletin = false }")))
            .report();
    assertThatThrownBy(() -> OtherIndicators.of(report))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("si_participants has paragraphs of its own in the bulletin");
  }
}

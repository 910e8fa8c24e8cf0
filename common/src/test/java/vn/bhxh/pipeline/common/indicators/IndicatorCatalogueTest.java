package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.error.ConfigurationException;

class IndicatorCatalogueTest {
  private static final String PARTICIPANTS =
      "{ code = hi_participants, name-en = a, name-vi = b, dataset = participation,"
          + " measure = distinct, column = person_key, filter = \"scheme = 'HI'\","
          + " nature = stock, unit = persons, higher-is-better = true }";

  private static IndicatorCatalogue parse(String... entries) {
    return IndicatorCatalogue.fromConfig(
        "test.conf",
        ConfigFactory.parseString("indicators = [" + String.join("\n", entries) + "]"));
  }

  @Test
  void theShippedCatalogueHoldsTheContractsIndicators() {
    IndicatorCatalogue catalogue =
        IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
    List<String> contract =
        List.of(
            "si_participants",
            "si_compulsory_participants",
            "si_voluntary_participants",
            "ui_participants",
            "hi_participants",
            "hi_coverage_pct",
            "si_coverage_pct",
            "ui_coverage_pct",
            "collected_vnd",
            "collected_vnd_ytd",
            "due_vnd",
            "collection_rate_pct",
            "arrears_vnd",
            "payers_overdue_3m",
            "employers",
            "e_transaction_employers",
            "e_transaction_share_pct",
            "si_benefit_recipients",
            "monthly_benefit_recipients",
            "si_benefit_amount_vnd",
            "hi_inpatient_claims",
            "hi_outpatient_claims",
            "hi_cost_vnd",
            "si_benefit_amount_vnd_ytd",
            "hi_cost_vnd_ytd",
            // CONTRACT §4, "More catalogue entries"
            "insured_persons",
            "insured_coverage_pct",
            "hi_treated_persons",
            "si_benefit_recipients_ytd",
            "hi_treated_persons_ytd");
    assertThat(catalogue.definitions().stream().map(IndicatorDefinition::code))
        .containsAll(contract);
    IndicatorDefinition coverage = catalogue.get("hi_coverage_pct");
    assertThat(coverage.measure()).isEqualTo(Measure.RATIO);
    assertThat(coverage.numerator()).contains("hi_participants");
    assertThat(coverage.denominator()).contains("population");
    assertThat(coverage.factor()).isEqualTo(100.0);
    assertThat(catalogue.get("collected_vnd_ytd").of()).contains("collected_vnd");
    assertThat(catalogue.get("hi_treated_persons_ytd").measure()).isEqualTo(Measure.YTD_DISTINCT);
    assertThat(catalogue.get("hi_treated_persons_ytd").of()).contains("hi_treated_persons");
    assertThat(catalogue.get("insured_coverage_pct").numerator()).contains("insured_persons");
    // Every indicator but the population denominators may have a plan in targets.csv, by default.
    assertThat(ConfigLoader.defaults().ingest().targetIndicators()).isEmpty();
    assertThat(catalogue.plannable())
        .hasSize(catalogue.definitions().size() - 2)
        .contains("si_participants", "hi_coverage_pct", "hi_treated_persons_ytd")
        .doesNotContain("population", "working_age_population");
    assertThat(catalogue.datasets())
        .containsExactlyInAnyOrder("participation", "population", "contributions", "benefits");
  }

  @Test
  void anIndicatorAddedToTheCatalogueCanBePlannedAtOnceButPopulationCannot() {
    String population =
        "{ code = population, name-en = a, name-vi = b, dataset = population, measure = sum,"
            + " column = population, nature = stock, unit = persons, higher-is-better = true }";
    String added =
        "{ code = hi_household_participants, name-en = a, name-vi = b, dataset = participation,"
            + " measure = distinct, column = person_key,"
            + " filter = \"scheme = 'HI' AND hi_group = 'HOUSEHOLD'\","
            + " nature = stock, unit = persons, higher-is-better = true }";

    assertThat(parse(PARTICIPANTS, population, added).plannable())
        .containsExactly("hi_participants", "hi_household_participants");
  }

  @Test
  void aFilterThatDoesNotParseIsAOneLineErrorNamingTheIndicator() {
    assertThatThrownBy(() -> parse(PARTICIPANTS.replace("scheme = 'HI'", "scheme = = 'HI'")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("indicator 'hi_participants': filter does not parse")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aFilterOnAnUnknownColumnIsAnError() {
    assertThatThrownBy(() -> parse(PARTICIPANTS.replace("scheme = 'HI'", "schema = 'HI'")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown column 'schema'");
  }

  @Test
  void anUnknownDatasetIsAnError() {
    assertThatThrownBy(
            () -> parse(PARTICIPANTS.replace("dataset = participation", "dataset = claims")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("indicator 'hi_participants': unknown dataset 'claims'");
  }

  @Test
  void aRatioNamingAnUnknownIndicatorIsAnError() {
    String ratio =
        "{ code = hi_coverage_pct, name-en = a, name-vi = b, measure = ratio,"
            + " numerator = hi_participants, denominator = population, factor = 100,"
            + " nature = stock, unit = percent, higher-is-better = true }";
    assertThatThrownBy(() -> parse(PARTICIPANTS, ratio))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "indicator 'hi_coverage_pct': denominator = population is not in the catalogue");
  }

  @Test
  void yearToDateOfAStockIsAnError() {
    String ytd =
        "{ code = hi_participants_ytd, name-en = a, name-vi = b, measure = ytd,"
            + " of = hi_participants, nature = flow, unit = persons, higher-is-better = true }";
    assertThatThrownBy(() -> parse(PARTICIPANTS, ytd))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is a stock");
  }

  @Test
  void yearToDateDistinctIsSpelledWithAHyphenAndNeedsADistinctBase() {
    String distinct =
        "{ code = hi_participants_ytd, name-en = a, name-vi = b, measure = ytd-distinct,"
            + " of = hi_participants, nature = flow, unit = persons, higher-is-better = true }";
    IndicatorCatalogue catalogue = parse(PARTICIPANTS, distinct);
    assertThat(catalogue.get("hi_participants_ytd").measure()).isEqualTo(Measure.YTD_DISTINCT);
    assertThat(Measure.YTD_DISTINCT.code()).isEqualTo("ytd-distinct");

    String sum =
        "{ code = amount, name-en = a, name-vi = b, dataset = benefits, measure = sum,"
            + " column = amount_vnd, nature = flow, unit = vnd, higher-is-better = true }";
    String ofSum =
        "{ code = amount_ytd, name-en = a, name-vi = b, measure = ytd-distinct,"
            + " of = amount, nature = flow, unit = vnd, higher-is-better = true }";
    assertThatThrownBy(() -> parse(sum, ofSum))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("indicator 'amount_ytd': of = amount is not a distinct");
  }

  @Test
  void anUnknownKeyAndADuplicateCodeAreErrors() {
    assertThatThrownBy(() -> parse(PARTICIPANTS.replace("unit =", "units =")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown key(s) [units]");
    assertThatThrownBy(() -> parse(PARTICIPANTS, PARTICIPANTS))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("appears twice");
  }

  @Test
  void addingAnIndicatorIsAConfigurationEntry() {
    String women =
        "{ code = si_participants_women, name-en = a, name-vi = b, dataset = participation,"
            + " measure = distinct, column = person_key,"
            + " filter = \"scheme IN ('SI_COMPULSORY', 'SI_VOLUNTARY') AND gender = 'F'\","
            + " nature = stock, unit = persons, higher-is-better = true }";
    IndicatorCatalogue catalogue = parse(PARTICIPANTS, women);
    assertThat(catalogue.baseMeasuresOf("participation"))
        .extracting(IndicatorDefinition::code)
        .containsExactly("hi_participants", "si_participants_women");
  }
}

package vn.bhxh.pipeline.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;

class ValidationRulesTest {
  private static final IndicatorCatalogue CATALOGUE =
      IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
  private static final String RULE =
      "{ code = ui_within_compulsory, left = ui_participants, op = \"<=\","
          + " right = si_compulsory_participants, severity = error, message = \"{geo_name}\" }";

  private static ValidationRules parse(String... rules) {
    return ValidationRules.fromConfig(
        "test.conf",
        ConfigFactory.parseString("rules = [" + String.join("\n", rules) + "]"),
        CATALOGUE);
  }

  @Test
  void theShippedRulesHoldTheContractsBuiltInSet() {
    ValidationRules rules =
        ValidationRules.load(ConfigLoader.defaults().validation().rules(), CATALOGUE);
    assertThat(rules.rules())
        .extracting(
            ValidationRule::code,
            ValidationRule::left,
            r -> r.op().symbol(),
            ValidationRule::right,
            ValidationRule::factor)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "ui_within_compulsory", "ui_participants", "<=", "si_compulsory_participants", 1.0),
            org.assertj.core.groups.Tuple.tuple(
                "si_within_working_age", "si_participants", "<=", "working_age_population", 1.0),
            org.assertj.core.groups.Tuple.tuple(
                "hi_within_population", "hi_participants", "<=", "population", 1.05),
            org.assertj.core.groups.Tuple.tuple(
                "paid_within_due", "collected_vnd", "<=", "due_vnd", 3.0));
  }

  @Test
  void defaultsAreEveryLevelAndTheReportedBoundary() {
    ValidationRule rule = parse(RULE).rules().get(0);
    assertThat(rule.levels()).containsExactly("province", "region", "nation");
    assertThat(rule.boundaries()).containsExactly("reported");
    assertThat(rule.factor()).isEqualTo(1.0);
  }

  @Test
  void aRuleNamingAnUnknownIndicatorIsAOneLineErrorNamingTheRule() {
    assertThatThrownBy(() -> parse(RULE.replace("ui_participants", "ui_particpants")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rule 'ui_within_compulsory': left names indicator 'ui_particpants'")
        .hasMessageContaining("not in the catalogue")
        .hasMessageNotContaining("\n");
  }

  @Test
  void badOperatorsLevelsSeveritiesPlaceholdersAndDuplicatesAreErrors() {
    assertThatThrownBy(() -> parse(RULE.replace("\"<=\"", "\"=<\"")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("op must be one of");
    assertThatThrownBy(() -> parse(RULE.replace("severity = error", "severity = fatal")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("severity must be error or warning");
    assertThatThrownBy(() -> parse(RULE.replace("{geo_name}", "{province}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown placeholder {province}");
    assertThatThrownBy(() -> parse(RULE.replace("severity", "levels = [district], severity")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("levels: 'district' is not one of");
    assertThatThrownBy(() -> parse(RULE, RULE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("defined more than once");
    assertThatThrownBy(() -> parse(RULE.replace("severity", "factr = 2, severity")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown key(s) [factr]");
  }
}

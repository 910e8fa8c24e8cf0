package vn.bhxh.pipeline.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;

/**
 * Which datasets make nightly recompute the later months of a year: those of ytd and ytd-distinct.
 */
class NightlyYearToDateDatasetsTest {

  @Test
  void aYearToDateDistinctIndicatorMakesItsDatasetAYearToDateOne() {
    IndicatorCatalogue onlyDistinct =
        IndicatorCatalogue.fromConfig(
            "test.conf",
            ConfigFactory.parseString(
                "indicators = [{ code = treated, name-en = a, name-vi = b, dataset = benefits,"
                    + " measure = distinct, column = person_key, nature = flow, unit = persons,"
                    + " higher-is-better = true },"
                    + " { code = treated_ytd, name-en = a, name-vi = b, measure = ytd-distinct,"
                    + " of = treated, nature = flow, unit = persons, higher-is-better = true }]"));
    assertThat(NightlyJob.ytdDatasets(onlyDistinct)).containsExactly("benefits");

    IndicatorCatalogue shipped =
        IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue());
    assertThat(NightlyJob.ytdDatasets(shipped)).containsExactly("benefits", "contributions");
  }
}

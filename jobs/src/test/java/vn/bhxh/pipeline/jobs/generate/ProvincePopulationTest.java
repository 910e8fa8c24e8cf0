package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;

class ProvincePopulationTest {

  @Test
  void knownFiguresStayAndTheRegionRemainderIsSplitEvenly() {
    List<Province> provinces =
        List.of(province("01", "A"), province("02", "A"), province("03", "A"), province("04", "B"));
    ProvincePopulation result =
        ProvincePopulation.split(
            provinces, Map.of("01", 100L, "04", 50L), Map.of("A", 201L, "B", 999L), "test");
    // Region A: 201 - 100 = 101 left for 02 and 03: 51 and 50 (the remainder to the first).
    assertThat(result.population2023())
        .containsExactly(
            Map.entry("01", 100L),
            Map.entry("02", 51L),
            Map.entry("03", 50L),
            Map.entry("04", 50L));
    assertThat(result.synthetic()).containsExactly("02", "03");
  }

  @Test
  void aRegionWithoutATotalIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                ProvincePopulation.split(
                    List.of(province("02", "C")), Map.of(), Map.of("A", 1L), "regions.csv"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("regions.csv")
        .hasMessageContaining("region C");
  }

  @Test
  void theShippedFiguresAddUpToTheNationalTotal() {
    PipelineConfig config = ConfigLoader.defaults();
    Geography geography = Geography.load(config.geography());
    ProvincePopulation population =
        ProvincePopulation.load(
            geography, config.geography().p63Provinces(), config.generate().regionalPopulation());
    assertThat(population.population2023()).hasSize(63);
    assertThat(population.population2023().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(100_309_200L);
    assertThat(population.of("79")).isEqualTo(9_456_700L);
    assertThat(population.synthetic()).hasSize(47).contains("54").doesNotContain("79");
  }

  private static Province province(String code, String region) {
    return new Province(
        GeographyVersion.P63, code, "P" + code, "P" + code, region, region, null, null, code);
  }
}

package vn.bhxh.pipeline.common.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig.GeographySettings;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

class GeographyTest {
  private static GeographySettings settings;
  private static Geography geography;

  @BeforeAll
  static void load() {
    settings = ConfigLoader.defaults().geography();
    geography = Geography.load(settings);
  }

  @Test
  void shipsSixtyThreeAndThirtyFourProvinces() {
    assertThat(geography.provinces(GeographyVersion.P63)).hasSize(63);
    assertThat(geography.provinces(GeographyVersion.P34)).hasSize(34);
    assertThat(geography.regions(GeographyVersion.P63)).hasSize(6);
    assertThat(geography.regions(GeographyVersion.P34)).hasSize(6);
  }

  @Test
  void p63RegionsHaveTheirGsoSizes() {
    Map<String, Long> sizes =
        geography.provinces(GeographyVersion.P63).stream()
            .collect(Collectors.groupingBy(Province::regionCode, Collectors.counting()));
    // 14 + 11 + 14 + 5 + 6 + 13 (reference README)
    assertThat(sizes)
        .isEqualTo(Map.of("NMM", 14L, "RRD", 11L, "NCC", 14L, "CH", 5L, "SE", 6L, "MRD", 13L));
  }

  @Test
  void everyP63ProvinceMapsToExactlyOneP34ProvinceAndEveryP34HasPredecessors() {
    for (Province old : geography.provinces(GeographyVersion.P63)) {
      assertThat(geography.province(GeographyVersion.P34, old.successorCode()))
          .as("successor of %s", old.code())
          .isPresent();
    }
    int predecessors = 0;
    for (Province current : geography.provinces(GeographyVersion.P34)) {
      List<Province> parts = geography.predecessors(current.code());
      assertThat(parts).as("predecessors of %s", current.code()).isNotEmpty();
      predecessors += parts.size();
      assertThat(current.successorCode()).isEqualTo(current.code());
    }
    assertThat(predecessors).isEqualTo(63);
  }

  @Test
  void publishedMergersResolve() {
    assertThat(successor("54")).isEqualTo("66"); // Phú Yên → Đắk Lắk
    assertThat(successor("52")).isEqualTo("52"); // Bình Định → Gia Lai
    assertThat(successor("64")).isEqualTo("52"); // old Gia Lai → Gia Lai
    assertThat(geography.predecessors("52"))
        .extracting(Province::nameVi)
        .containsExactly("Bình Định", "Gia Lai");
    assertThat(geography.predecessors("79"))
        .extracting(Province::code)
        .containsExactly("74", "77", "79");
  }

  @Test
  void theSevenReusedCodesResolveByVersion() {
    Map<String, String[]> reused =
        Map.of(
            "15", new String[] {"Yên Bái", "Lào Cai"},
            "24", new String[] {"Bắc Giang", "Bắc Ninh"},
            "44", new String[] {"Quảng Bình", "Quảng Trị"},
            "52", new String[] {"Bình Định", "Gia Lai"},
            "80", new String[] {"Long An", "Tây Ninh"},
            "82", new String[] {"Tiền Giang", "Đồng Tháp"},
            "91", new String[] {"Kiên Giang", "An Giang"});
    reused.forEach(
        (code, names) -> {
          assertThat(geography.provinceIn(Period.of(2025, 6), code).orElseThrow().nameVi())
              .isEqualTo(names[0]);
          assertThat(geography.provinceIn(Period.of(2025, 7), code).orElseThrow().nameVi())
              .isEqualTo(names[1]);
        });
    // and a p63 code that does not exist in p34 is unknown after the merger
    assertThat(geography.provinceIn(Period.of(2025, 6), "54")).isPresent();
    assertThat(geography.provinceIn(Period.of(2025, 7), "54")).isEmpty();
  }

  @Test
  void versionFollowsTheMonth() {
    assertThat(geography.versionOf(Period.of(2025, 6))).isEqualTo(GeographyVersion.P63);
    assertThat(geography.versionOf(Period.of(2025, 7))).isEqualTo(GeographyVersion.P34);
    assertThat(geography.provincesIn(Period.of(2019, 1))).hasSize(63);
    assertThat(geography.provincesIn(Period.of(2026, 1))).hasSize(34);
  }

  @Test
  void validityDatesBracketTheMerger() {
    Province phuYen = geography.province(GeographyVersion.P63, "54").orElseThrow();
    assertThat(phuYen.validFrom()).isNull();
    assertThat(phuYen.validTo()).hasToString("2025-06-30");
    Province daklak = geography.province(GeographyVersion.P34, "66").orElseThrow();
    assertThat(daklak.validFrom()).hasToString("2025-07-01");
    assertThat(daklak.validTo()).isNull();
    assertThat(daklak.regionName()).isEqualTo("Duyên hải Nam Trung Bộ và Tây Nguyên");
  }

  @Test
  void namesAreNfc() {
    for (Province province : geography.allProvinces()) {
      assertThat(
              java.text.Normalizer.isNormalized(province.nameVi(), java.text.Normalizer.Form.NFC))
          .isTrue();
    }
  }

  @Test
  void aCrosswalkToAnUnknownProvinceIsRejected(@TempDir Path dir) throws IOException {
    Path crosswalk = dir.resolve("merger.csv");
    String shipped =
        new String(
            getClass()
                .getClassLoader()
                .getResourceAsStream("conf/geography/merger_2025.csv")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(crosswalk, shipped.replace("54,Phu Yen,66", "54,Phu Yen,67"));

    GeographySettings broken =
        new GeographySettings(
            settings.p63Provinces(),
            settings.p63Regions(),
            settings.p34Provinces(),
            settings.p34Regions(),
            crosswalk.toString(),
            settings.p34From());

    assertThatThrownBy(() -> Geography.load(broken))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("p63 province 54 maps to 67, which is not a p34 province");
  }

  @Test
  void aMissingGeographyFileFailsNamingIt() {
    GeographySettings missing =
        new GeographySettings(
            "/no/such/provinces.csv",
            settings.p63Regions(),
            settings.p34Provinces(),
            settings.p34Regions(),
            settings.crosswalk(),
            settings.p34From());

    assertThatThrownBy(() -> Geography.load(missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("geography file not found: /no/such/provinces.csv");
  }

  private static String successor(String p63Code) {
    Optional<Province> province = geography.province(GeographyVersion.P63, p63Code);
    return province.orElseThrow().successorCode();
  }
}

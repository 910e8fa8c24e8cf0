package vn.bhxh.pipeline.jobs.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Check;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

class DataChecksTest {
  private static Check warning(String geo) {
    return new Check(
        "warning", "outlier", "outlier_month_change", geo, "hi_participants", "drop in " + geo);
  }

  @Test
  void errorsComeFirstWithTheirMessagesAndTheCountsLeadTheSection() {
    List<Block> blocks =
        DataChecks.blocks(
            List.of(
                warning("01"),
                new Check(
                    "error",
                    "rule",
                    "ui_within_compulsory",
                    "79",
                    "ui_participants",
                    "UI above compulsory SI in 79")));
    assertThat(((Paragraph) blocks.get(0)).text())
        .startsWith("1 error and 1 warning from the validation rules and the outlier checks")
        .endsWith("resolve them before publishing.");
    assertThat(((Items) blocks.get(1)).items())
        .containsExactly(
            new Paragraph("Error:", "UI above compulsory SI in 79"),
            new Paragraph("Warning:", "drop in 01"));
    assertThat(blocks).hasSize(2);
  }

  @Test
  void aLongListIsCutAndTheRestCounted() {
    List<Check> checks = new ArrayList<>();
    for (int i = 10; i < 35; i++) {
      checks.add(warning(Integer.toString(i)));
    }
    List<Block> blocks = DataChecks.blocks(checks);
    assertThat(((Paragraph) blocks.get(0)).text()).startsWith("0 errors and 25 warnings");
    assertThat(((Items) blocks.get(1)).items()).hasSize(20);
    assertThat(((Paragraph) blocks.get(2)).text()).isEqualTo("… and 5 more in validation_results.");
  }

  @Test
  void noFindingIsSaidInOneSentenceAndTheBulletinHasTheSection() {
    assertThat(DataChecks.blocks(List.of()))
        .containsExactly(
            new Paragraph(
                null,
                "No validation rule or outlier check found anything to look at for this month."));
  }
}

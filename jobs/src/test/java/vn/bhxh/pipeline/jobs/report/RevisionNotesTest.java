package vn.bhxh.pipeline.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.jobs.report.bulletin.Document;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Heading;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;
import vn.bhxh.pipeline.jobs.report.bulletin.DocumentWriter;

class RevisionNotesTest {
  private static final Document BULLETIN =
      new Document(
          "Monthly bulletin",
          List.of(
              new Heading("National figures"),
              new Paragraph(null, "72,423 participants."),
              new Paragraph(null, "Source: report tables.")));

  @Test
  void theSectionComesBeforeTheSourceLine() {
    Document noted =
        RevisionNotes.addTo(
            BULLETIN,
            List.of("2025-09, Việt Nam (nation), hi_participants: 4 → 6 (+50.00%)."),
            2.0);

    assertThat(noted.blocks())
        .containsExactly(
            new Heading("National figures"),
            new Paragraph(null, "72,423 participants."),
            new Heading("Revisions of earlier months"),
            new Paragraph(
                null,
                "Figures of earlier published months that have since moved by 2% or more, as"
                    + " published and as they stand now:"),
            new Items(
                List.of(
                    new Paragraph(
                        null, "2025-09, Việt Nam (nation), hi_participants: 4 → 6 (+50.00%)."))),
            new Paragraph(null, "Source: report tables."));
    assertThat(DocumentWriter.markdown(noted)).contains("moved by 2% or more");
  }

  @Test
  void withoutRevisionsTheBulletinIsUnchanged() {
    assertThat(RevisionNotes.addTo(BULLETIN, List.of(), 0.5)).isSameAs(BULLETIN);
    assertThat(RevisionNotes.addTo(BULLETIN, null, 0.5)).isSameAs(BULLETIN);
  }
}

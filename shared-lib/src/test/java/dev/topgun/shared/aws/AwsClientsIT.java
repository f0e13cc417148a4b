package dev.topgun.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.time.Clocks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

class AwsClientsIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  static final Instant FIXED = Instant.parse("2030-01-01T00:00:00Z");

  /** How a test replaces the clock of an application context. */
  @Factory
  @Requires(property = "test.fixed-clock", value = "true")
  static class FixedClock {
    @Singleton
    @Replaces(value = Clock.class, factory = Clocks.class)
    Clock clock() {
      return Clock.fixed(FIXED, ZoneOffset.UTC);
    }
  }

  public static final class NoteItem extends BaseItem {
    static final StaticTableSchema<NoteItem> SCHEMA =
        BaseItem.schema(NoteItem.class, NoteItem::new)
            .addAttribute(
                String.class,
                a -> a.name("text").getter(NoteItem::getText).setter(NoteItem::setText))
            .build();

    private String text;

    public NoteItem() {
      setType("NOTE");
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }

  @Test
  void theBeans_reachTheConfiguredTable_throughTheEndpointOverride() {
    // given
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("test.fixed-clock", "true");
    NoteItem note = new NoteItem();
    note.setPk(Keys.org(Ids.newId()));
    note.setSk(Keys.of("NOTE", Ids.newId()));
    note.setText("hello");

    try (ApplicationContext context = ApplicationContext.run(properties)) {
      // when
      NoteItem stored =
          context
              .getBean(TransactionalWriter.class)
              .create(NoteItem.SCHEMA, note, List.of(Unique.of("note", note.getSk())));

      // then
      SingleTableStore store = context.getBean(SingleTableStore.class);
      assertThat(store.tableName()).isEqualTo(TABLE.name());
      assertThat(store.get(NoteItem.SCHEMA, note.key()).orElseThrow().getText()).isEqualTo("hello");
      assertThat(stored.getCreatedAt()).isEqualTo("2030-01-01T00:00:00.000Z");
      assertThat(store.uniqueOwner(Unique.of("note", note.getSk()))).contains(note.key());
    }
  }
}

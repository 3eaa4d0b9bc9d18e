package org.soarplaybooks.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;

/** Where {@link DeadLetterStore} keeps a playbook's dead letters: one folder per playbook, named safely. */
class DeadLetterStoreTest {

    @TempDir
    Path data;

    @Test
    void aPlaybookFolderKeepsSafeCharactersAndReplacesTheRest() {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());

        assertThat(store.fileOf("sentinelone-threat-sync", "abc")).isEqualTo(
                data.resolve("dead-letters").resolve("sentinelone-threat-sync").resolve("abc.json"));
        assertThat(store.fileOf("My Playbook/../v1.2_x", "abc").getParent().getFileName().toString())
                .isEqualTo("My_Playbook_.._v1.2_x");
        assertThat(store.fileOf("ünïcode:playbook", "abc").getParent().getFileName().toString())
                .isEqualTo("_n_code_playbook");
        assertThat(store.fileOf("  ", "abc").getParent().getFileName().toString()).isEqualTo("unknown");
        assertThat(store.fileOf(null, "abc").getParent().getFileName().toString()).isEqualTo("unknown");
    }

    @Test
    void removingADeadLetterThatDoesNotExistSaysSo() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        Path file = store.fileOf("bulk-incident-update", "0123456789abcdef0123");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");

        assertThat(store.remove("bulk-incident-update", "0123456789abcdef0123")).isTrue();
        assertThat(store.remove("bulk-incident-update", "0123456789abcdef0123")).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void waitingIdsFollowTheFolderAsAnotherProcessChangesIt() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        assertThat(store.waitingIds("bulk-incident-update")).as("no folder yet").isEmpty();

        Path folder = store.fileOf("bulk-incident-update", "x").getParent();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("aaaa.json"), "{}");
        Files.writeString(folder.resolve(".aaaa.json.tmp"), "{}"); // a write in progress: not a dead letter
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("aaaa");

        // written by someone else (a replay, an operator): the folder's time moves, the folder is listed again
        Files.writeString(folder.resolve("bbbb.json"), "{}");
        assertThat(store.waitingIds("bulk-incident-update")).containsExactlyInAnyOrder("aaaa", "bbbb");
        Files.delete(folder.resolve("aaaa.json"));
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("bbbb");
        assertThat(store.waitingIds("another-playbook")).isEmpty();
    }

    @Test
    void aSettledUnchangedFolderIsNotListedAgainButARecentOneIs() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        Path folder = store.fileOf("bulk-incident-update", "x").getParent();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("aaaa.json"), "{}");

        // changed within the timestamp granularity (the folder's time looks unchanged) while it is recent: listed
        FileTime recent = Files.getLastModifiedTime(folder);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("aaaa");
        Files.writeString(folder.resolve("bbbb.json"), "{}");
        Files.setLastModifiedTime(folder, recent);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactlyInAnyOrder("aaaa", "bbbb");

        // settled (last changed a minute ago): one stat per call, the listing is kept while the time is the same
        FileTime settled = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(folder, settled);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactlyInAnyOrder("aaaa", "bbbb");
        Files.delete(folder.resolve("bbbb.json"));
        Files.setLastModifiedTime(folder, settled);
        assertThat(store.waitingIds("bulk-incident-update")).as("the kept listing")
                .containsExactlyInAnyOrder("aaaa", "bbbb");
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("aaaa");

        // this store's own remove forgets the listing at once
        Files.setLastModifiedTime(folder, settled);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("aaaa");
        assertThat(store.remove("bulk-incident-update", "aaaa")).isTrue();
        Files.setLastModifiedTime(folder, settled);
        assertThat(store.waitingIds("bulk-incident-update")).isEmpty();
    }
}

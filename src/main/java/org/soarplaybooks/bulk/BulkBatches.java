package org.soarplaybooks.bulk;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.contraforce.BulkUpdateIncidentsRequest;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentRequest;

/**
 * The batches of a bulk file, read lazily: asking for the next batch reads rows until {@code maxItems} good ones
 * are collected (or the file ends). Bad rows met on the way are dead-lettered at once and do not take a place in
 * a batch. Each batch is a {@link Batch} of one ContraForce {@link BulkUpdateIncidentsRequest} with one
 * {@link ActionItem} per row (the row as read as its item), so the action records each row's outcome.
 *
 * <p>When the file breaks (see {@link BulkRowReader}), the rows collected so far still form a last batch, the run
 * records the break, and the iteration ends.
 */
final class BulkBatches implements Iterator<Batch<BulkUpdateIncidentsRequest>>, Closeable {

    private final BulkRun run;
    private final BulkRowCheck check;
    private final int maxItems;
    private final java.util.function.BooleanSupplier stopping;
    private Batch<BulkUpdateIncidentsRequest> next;
    private boolean ended;

    BulkBatches(BulkRun run, BulkRowCheck check, int maxItems, java.util.function.BooleanSupplier stopping) {
        this.run = run;
        this.check = check;
        this.maxItems = maxItems;
        this.stopping = stopping;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = fill();
        }
        return next != null;
    }

    @Override
    public Batch<BulkUpdateIncidentsRequest> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch<BulkUpdateIncidentsRequest> b = next;
        next = null;
        return b;
    }

    private Batch<BulkUpdateIncidentsRequest> fill() {
        List<UpdateIncidentRequest> requests = new ArrayList<>(Math.min(maxItems, 1024));
        List<ActionItem> items = new ArrayList<>(Math.min(maxItems, 1024));
        BulkRowReader rows = run.reader();
        if (stopping.getAsBoolean()) {
            // the engine is stopping: no new batch; the file stays in the inbox and resumes after its last batch
            run.stop();
            ended = true;
            return null;
        }
        try {
            while (requests.size() < maxItems) {
                if (!rows.hasNext()) {
                    ended = true;
                    break;
                }
                BulkRow read = rows.next();
                long ordinal = run.rowRead();
                if (ordinal <= run.handledBefore()) {
                    continue; // handled by an earlier run of this file (before a stop or a crash)
                }
                CheckedRow row = check.check(read, run.file());
                if (!row.isValid()) {
                    run.invalid(row);
                    continue;
                }
                ActionItem item = new ActionItem(row.incidentId(), row.incidentKey(), row.item());
                run.sending(item, row.line(), ordinal);
                requests.add(row.request());
                items.add(item);
            }
        } catch (BulkFileException e) {
            ended = true;
            run.broken(e.getMessage());
        } catch (RuntimeException e) {
            ended = true;
            run.broken(run.file() + ": reading stopped: " + e);
        }
        if (ended) {
            run.reader().close();
        }
        return requests.isEmpty() ? null : new Batch<>(new BulkUpdateIncidentsRequest(List.copyOf(requests)), items);
    }

    /** Closes the file (the split closes its iterator when it is done). */
    @Override
    public void close() {
        ended = true;
        run.reader().close();
    }
}

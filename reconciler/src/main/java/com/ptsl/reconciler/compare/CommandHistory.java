package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.LedgerRow;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.model.TransactionFacts;

import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A transaction's commands joined with the ledger's verdict on each: which posting command stands (the original or a
 * re-post of it), whether the sink applied it, and the customer the integration posted to.
 */
final class CommandHistory {

    private final TransactionFacts facts;
    private final List<CommandRef> commands;
    private final List<LedgerRow> rows;

    CommandHistory(TransactionFacts facts) {
        this.facts = facts;
        List<CommandRef> sorted = new ArrayList<>(facts.commands());
        if (sorted.size() > 1) {
            sorted.sort(Comparator.comparingLong(CommandRef::timestamp).thenComparingLong(CommandRef::offset));
        }
        this.commands = sorted;
        this.rows = facts.ledger();
    }

    /** The ledger's row for {@code commandId}; a transaction has a handful, so a scan beats a map. */
    LedgerRow ledgerRow(String commandId) {
        for (LedgerRow row : rows) {
            if (row.commandId(facts.id()).equals(commandId)) {
                return row;
            }
        }
        return null;
    }

    List<LedgerRow> ledgerRows() {
        return rows;
    }

    String id(CommandRef command) {
        return command.commandId(facts.id());
    }

    /** A command the sink applied, or has not seen yet: it describes what SL should hold. A REJECTED one does not. */
    boolean counts(CommandRef command) {
        LedgerRow row = ledgerRow(id(command));
        return row == null || row.applied();
    }

    /** This type's commands, oldest first. */
    List<CommandRef> of(CommandType type) {
        if (commands.size() == 1) {
            return commands.get(0).type() == type ? commands : List.of();
        }
        List<CommandRef> out = new ArrayList<>(commands.size());
        for (CommandRef c : commands) {
            if (c.type() == type) {
                out.add(c);
            }
        }
        return out;
    }

    /** The command that creates the transaction's SL document: PostRefund for a refund, PostPayment otherwise. */
    CommandType postingType() {
        if (facts.kind() == PayTraceKind.REFUND) {
            return CommandType.POST_REFUND;
        }
        if (!of(CommandType.POST_PAYMENT).isEmpty() || of(CommandType.POST_REFUND).isEmpty()) {
            return CommandType.POST_PAYMENT;
        }
        return CommandType.POST_REFUND;
    }

    /** The original posting command (not a re-post) when erp.commands has it, else the latest re-post of it. */
    Optional<CommandRef> originalPosting() {
        return original(postingType());
    }

    Optional<CommandRef> original(CommandType type) {
        List<CommandRef> all = of(type);
        for (CommandRef c : all) {
            if (!CommandType.isRepost(id(c))) {
                return Optional.of(c);
            }
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The latest posting command (original or re-post) that counts. */
    Optional<CommandRef> standingPosting() {
        List<CommandRef> all = of(postingType());
        CommandRef standing = null;
        for (CommandRef c : all) {
            if (counts(c)) {
                standing = c;
            }
        }
        return Optional.ofNullable(standing);
    }

    /** The latest APPLIED ledger row of the posting command or any re-post of it. */
    Optional<LedgerRow> appliedPosting() {
        CommandType type = postingType();
        String original = type.canonicalId(facts.id());
        LedgerRow latest = null;
        for (LedgerRow row : rows) {
            if (row.applied() && CommandType.originalOf(row.commandId(facts.id())).equals(original)
                    && (latest == null || row.processedAt() > latest.processedAt())) {
                latest = row;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The customer the integration posted to: the posting command's, else any command's, else the ledger's. */
    String custId() {
        Optional<CommandRef> posting = standingPosting().or(this::originalPosting);
        if (posting.isPresent() && !posting.get().custId().isEmpty()) {
            return posting.get().custId();
        }
        for (CommandRef c : commands) {
            if (!c.custId().isEmpty()) {
                return c.custId();
            }
        }
        for (LedgerRow row : rows) {
            if (!row.custId().isEmpty()) {
                return row.custId();
            }
        }
        return "";
    }

    boolean hasPostingCommand() {
        return !of(CommandType.POST_PAYMENT).isEmpty() || !of(CommandType.POST_REFUND).isEmpty();
    }
}

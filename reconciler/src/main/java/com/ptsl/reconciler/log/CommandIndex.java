package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.StringPool;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.math.BigDecimal;
import java.util.List;

/**
 * erp.commands: what the pipeline asked SL to do for each transaction of the window (the customer and invoice
 * applications it chose, the amounts) and where each command sits on the topic, so a re-drive can send it again. Commands
 * of transactions outside the window are decoded and dropped.
 */
public final class CommandIndex implements RecordHandler {

    @SuppressWarnings("unchecked")
    private static final AvroSerde<ErpCommand> SERDE = (AvroSerde<ErpCommand>) Topics.ERP_COMMANDS.valueSerde();

    private final Evidence evidence;

    public CommandIndex(Evidence evidence) {
        this.evidence = evidence;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        evidence.countCommandRecord();
        ErpCommand command;
        try {
            command = SERDE.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            evidence.countUnreadable();
            return;
        }
        if (command != null) {
            add(command, record.partition(), record.offset(), record.timestamp());
        }
    }

    /** One decoded command at its place on the topic; public so the index can be checked without a broker. */
    public void add(ErpCommand command, int partition, long offset, long timestamp) {
        Object payload = command.getPayload();
        StringPool pool = evidence.pool();
        String custId = pool.of(command.getCustId() == null ? "" : command.getCustId().strip());
        if (payload instanceof CloseDeposit deposit) {
            String batch = deposit.getBatchNumber().strip();
            if (evidence.batches().containsKey(batch)) {
                evidence.putDepositCommand(batch, new CommandRef(CommandType.CLOSE_DEPOSIT, command.getCommandId(), custId, partition,
                        offset, timestamp, Money.cents(deposit.getNetAmount()), null, null, null));
            }
            return;
        }
        CommandType type;
        String tx;
        BigDecimal amount;
        List<Application> applications = List.of();
        if (payload instanceof PostPayment p) {
            type = CommandType.POST_PAYMENT;
            tx = p.getTransactionId();
            amount = p.getAmount();
            applications = p.getApplications();
        } else if (payload instanceof ApplyPayment a) {
            type = CommandType.APPLY_PAYMENT;
            tx = a.getTransactionId();
            applications = a.getApplications();
            amount = applications.stream().map(Application::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        } else if (payload instanceof ReversePayment r) {
            type = CommandType.REVERSE_PAYMENT;
            tx = r.getTransactionId();
            amount = r.getAmount();
        } else if (payload instanceof PostRefund r) {
            type = CommandType.POST_REFUND;
            tx = r.getTransactionId();
            amount = r.getAmount();
        } else {
            return;
        }
        TransactionFacts facts = evidence.known(tx.strip());
        if (facts == null) {
            return;
        }
        String[] refs = new String[applications.size()];
        String[] docTypes = new String[applications.size()];
        long[] cents = new long[applications.size()];
        for (int i = 0; i < refs.length; i++) {
            Application a = applications.get(i);
            refs[i] = a.getInvoiceRefNbr().strip();
            docTypes[i] = pool.of(a.getInvoiceDocType() == null || a.getInvoiceDocType().isBlank() ? "IN" : a.getInvoiceDocType().strip());
            cents[i] = Money.cents(a.getAmount());
        }
        String id = command.getCommandId();
        String stored = id.equals(type.canonicalId(facts.id())) ? null : id;
        facts.addCommand(new CommandRef(type, stored, custId, partition, offset, timestamp, Money.cents(amount), refs, docTypes, cents));
    }
}

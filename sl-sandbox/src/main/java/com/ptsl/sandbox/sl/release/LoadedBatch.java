package com.ptsl.sandbox.sl.release;

import java.util.List;

/** A batch with its documents (by BatSeq) and lines (by document and LineNbr), read under lock. */
record LoadedBatch(BatchHeader header, List<Document> documents, List<TranLine> lines) {

    LoadedBatch {
        documents = List.copyOf(documents);
        lines = List.copyOf(lines);
    }

    List<TranLine> linesOf(Document doc) {
        return lines.stream().filter(l -> l.docName().equals(doc.name())).toList();
    }

    String batNbr() {
        return header.batNbr();
    }
}

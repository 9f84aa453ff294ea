// Validates many cases in one JVM with Apache Jena's SHACL: for each case, the existing graph
// (with the ontology) and the existing graph with the new triples added.
//
// Usage: java -cp JENA ShaclBatch.java SHAPES ONTOLOGY CASES.nq CASE-LIST > REPORTS.nq
// CASES.nq holds, for each case name C of CASE-LIST, the graphs <C/existing> and <C/new>;
// REPORTS.nq gets the SHACL validation reports as the graphs <C/before> and <C/after>.

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

public class ShaclBatch {
    public static void main(String[] args) throws Exception {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        Graph ontology = RDFDataMgr.loadGraph(args[1]);
        DatasetGraph cases = RDFDataMgr.loadDatasetGraph(args[2]);
        DatasetGraph reports = DatasetGraphFactory.createGeneral();
        for (String name : Files.readAllLines(Path.of(args[3]))) {
            if (name.isBlank()) {
                continue;
            }
            Graph data = GraphFactory.createDefaultGraph();
            ontology.find().forEachRemaining(data::add);
            cases.getGraph(NodeFactory.createURI(name + "/existing")).find().forEachRemaining(data::add);
            report(reports, name + "/before", ShaclValidator.get().validate(shapes, data).getGraph());
            cases.getGraph(NodeFactory.createURI(name + "/new")).find().forEachRemaining(data::add);
            report(reports, name + "/after", ShaclValidator.get().validate(shapes, data).getGraph());
        }
        RDFDataMgr.write(System.out, reports, Lang.NQUADS);
    }

    static void report(DatasetGraph reports, String name, Graph report) {
        Node graph = NodeFactory.createURI(name);
        report.find().forEachRemaining(t -> reports.add(graph, t.getSubject(), t.getPredicate(), t.getObject()));
    }
}

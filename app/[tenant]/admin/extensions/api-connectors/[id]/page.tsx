import { CONNECTOR_STEPS } from "../../../../../_lib/journeys";
import { services } from "../../../../../_lib/server";
import { ConnectorForm } from "../../_components/connector-form";
import { editorMetadata, ExtensionEditorPage, type EditorKind, type EditorPageProps } from "../../_components/editor-page";

type Connector = Awaited<ReturnType<ReturnType<typeof services>["apiConnectors"]["get"]>>;

const CONNECTOR: EditorKind<Connector> = {
  path: "api-connectors",
  titleKey: "connector.pageTitle",
  load: (actor, tenant, id) => services().apiConnectors.get(actor, tenant, id),
  steps: CONNECTOR_STEPS,
};

export const generateMetadata = (props: EditorPageProps) => editorMetadata(CONNECTOR, props);

/** One API connector: its settings, a test call, and deleting it; each a verb of the connector service. */
export default function ConnectorPage(props: EditorPageProps) {
  return (
    <ExtensionEditorPage
      kind={CONNECTOR}
      props={props}
      form={({ item, ...rest }) => <ConnectorForm connector={item} {...rest} />}
    />
  );
}

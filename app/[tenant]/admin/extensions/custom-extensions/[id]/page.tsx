import { services } from "../../../../../_lib/server";
import { editorMetadata, ExtensionEditorPage, type EditorKind, type EditorPageProps } from "../../_components/editor-page";
import { ExtensionForm } from "../../_components/extension-form";

type Extension = Awaited<ReturnType<ReturnType<typeof services>["customExtensions"]["get"]>>;

const EXTENSION: EditorKind<Extension> = {
  path: "custom-extensions",
  titleKey: "extension.pageTitle",
  load: (actor, tenant, id) => services().customExtensions.get(actor, tenant, id),
};

export const generateMetadata = (props: EditorPageProps) => editorMetadata(EXTENSION, props);

/** One custom authentication extension: its settings, a test call, and deleting it; each a verb of its service. */
export default function ExtensionPage(props: EditorPageProps) {
  return (
    <ExtensionEditorPage
      kind={EXTENSION}
      props={props}
      form={({ item, ...rest }) => <ExtensionForm extension={item} {...rest} />}
    />
  );
}

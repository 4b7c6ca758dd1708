import { fr } from "@codegouvfr/react-dsfr";
import { Step1 } from "./Step1";

export function SoftwareForm({ back }: { back: () => void }) {
    return (
        <div>
            {/* eslint-disable-next-line jsx-a11y/anchor-is-valid */}
            <a href={"#"} onClick={back}>
                <i className={fr.cx("fr-icon-arrow-left-s-line")} />
            </a>
            <Step1 onSubmit={() => back()} />
        </div>
    );
}

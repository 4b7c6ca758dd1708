import { useState } from "react";

export function Step1({ onSubmit }: { onSubmit: (name: string) => void }) {
    const [name, setName] = useState("");
    return (
        <form onSubmit={() => onSubmit(name)}>
            <label htmlFor="nom">Nom du logiciel</label>
            <input id="nom" value={name} onChange={e => setName(e.target.value)} />
            <button style={{ display: "none" }} type="submit" />
        </form>
    );
}

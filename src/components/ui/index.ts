/** The small set of accessible primitives shared by public pages and the dashboard. */
export { Badge, type BadgeTone } from "./badge";
export { Button, type ButtonProps } from "./button";
export { Combobox, type ComboboxOption, type ComboboxProps } from "./combobox";
export { Select, Chevron } from "./select";
export { Tooltip, TooltipBubble, type Anchor } from "./tooltip";
export { cn } from "./cn";

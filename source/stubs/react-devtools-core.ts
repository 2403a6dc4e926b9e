// Stand-in for react-devtools-core, which Ink only uses when DEV=true.
const devtools = {
	initialize() {},
	connectToDevTools() {},
};

export default devtools;
